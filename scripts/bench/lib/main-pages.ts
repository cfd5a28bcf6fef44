// The five pages the page-weight and Lighthouse benchmarks measure, named once.
export function mainPages(article: string) {
  return [
    { name: 'Home', path: '/' },
    { name: 'Article', path: article },
    { name: 'Search', path: '/search/' },
    { name: 'Status', path: '/status/' },
    { name: 'Support', path: '/support/' },
  ];
}
