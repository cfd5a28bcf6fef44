// The word tables of the corpus generator (scripts/corpus/generate.ts): categories with their
// products, tasks, things and problems, sentence frames, headings, tables, settings and code
// samples. Data, kept apart from the code that combines it.

/** The random picks the tables and code samples make; generate.ts's makeRng gives them. */
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  zipf<T>(items: readonly T[]): T;
  sample<T>(items: readonly T[], k: number): T[];
}

// Vocabulary. Lists are "|"-separated to keep this data readable. Phrases used
// in titles and headings contain only letters, digits, spaces, dots and hyphens:
// no quotes or dashes that smart punctuation would rewrite, so the heading ids
// Astro derives match what github-slugger gives here.

export /** A "|"-separated list, trimmed. */
const L = (s: string) => s.split('|').map((x) => x.trim());

/** The text with its first letter in upper case. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const CATEGORY_POOL = [
  {
    id: 'domains-dns',
    title: 'Domains and DNS',
    description: 'Register, transfer, renew and point your domain names, and manage their DNS zones.',
    icon: 'globe',
    weight: 9,
    products: L('domain-registration|dns-hosting|domain-privacy'),
    tasks: L('register a new domain|transfer a domain to AlpenHost|renew a domain|change the nameservers|add an A record|add a CNAME record|create a subdomain|point a domain to another server|set up a domain redirect|enable DNSSEC|update the domain owner details|unlock a domain for transfer|get the auth code|change the TTL of a record|add a TXT record|set up an MX record|delete a DNS record|move a domain to another account|restore an expired domain|add a CAA record'),
    things: L('the auth code|DNS propagation|WHOIS privacy|the registry lock|the zone file|a glue record|the TTL value|DNSSEC|the domain owner contact|a wildcard record|the redemption period|reverse DNS|the SOA record|an internationalized domain name'),
    problems: L('my domain does not resolve|the transfer is stuck|the auth code is rejected|DNS changes are not visible yet|the domain shows a parking page|my domain has expired|the owner change was not confirmed|the nameservers cannot be saved'),
    terms: L('domain|DNS|nameserver|record|zone|registrar|TTL|registry|resolver|propagation|A record|CNAME|MX record|TXT record|subdomain|WHOIS|auth code|AAAA record|DNSSEC|top-level domain|SRV record|glue record|SOA record|redirect|CAA record|IDN|DS record|zone transfer'),
    quals: L(' for a .ch domain| for a .de domain| for a .com domain| from another registrar| in the customer area| with the API| for a subdomain| before it expires| for a .eu domain| for several domains'),
    menus: L('Domains|DNS zone|Nameservers|Domain transfers|Domain contacts'),
    facts: [
      'Registries update their nameserver data several times a day, so a new delegation can take a few hours to reach every resolver.',
      'Resolvers keep the old answer until the TTL of the record runs out, which is why a low TTL before a move saves time.',
      'Generic domains such as .com can only be transferred 60 days after registration or after the last transfer.',
      'The auth code is valid for a limited time; request a new one if the transfer does not start within a few days.',
      'WHOIS privacy hides the owner address in public lookups but keeps the domain legally registered to you.',
      'DNSSEC signs the zone so that resolvers can detect forged answers, and it is switched on per domain.',
      'A CNAME record cannot exist next to other records with the same name, so the bare domain needs an A record instead.',
      'Expired domains stay in a grace period first; after that the registry charges a restore fee.',
      'You can keep a domain with us and still point it at a server hosted somewhere else.',
    ],
    code: ['dig', 'zone', 'whois', 'nslookup', 'apiDns'],
  },
  {
    id: 'email',
    title: 'Email setup',
    description: 'Create mailboxes and connect them to your phone, computer and mail apps.',
    icon: 'mail',
    weight: 10,
    products: L('mail-service|mail-archive|spam-filter'),
    tasks: L('create a mailbox|set up email on an iPhone|set up email in Outlook|set up email in Thunderbird|set up email on Android|add an alias address|forward email to another address|set up an autoresponder|change a mailbox password|increase the mailbox quota|configure SPF|set up DKIM signing|publish a DMARC record|import old emails|create a catch-all address|share a mailbox with a team|set up a shared calendar|block a sender|whitelist a sender|export a mailbox'),
    things: L('the IMAP server|the SMTP port|the mailbox quota|the spam filter|SPF|DKIM|DMARC|the webmail client|the outgoing server|a catch-all address|an alias address|mail forwarding|the mail archive|greylisting'),
    problems: L('emails are not arriving|sent emails land in spam|the mail app keeps asking for the password|the mailbox is full|Outlook cannot connect to the server|emails bounce with error 550|attachments are rejected|the autoresponder does not reply'),
    terms: L('mailbox|email|IMAP|SMTP|webmail|password|spam|inbox|alias|forwarding|quota|SPF|DKIM|DMARC|POP3|autoresponder|attachment|bounce|mail client|sender|recipient|folder|catch-all|greylisting|blocklist|signature|calendar|contacts'),
    quals: L(' on an iPhone| on Android| in Outlook| in Apple Mail| in Thunderbird| for a team| in webmail| for a second domain| on Windows| on a Mac'),
    menus: L('Email|Mailboxes|Aliases and forwarding|Spam filter|Mail settings'),
    facts: [
      'Use port 993 for IMAP and port 587 for SMTP; both require an encrypted connection.',
      'The user name for every mail app is the full email address, not just the part before the at sign.',
      'Mail sent from a domain without SPF and DKIM is much more likely to be sorted into spam by large providers.',
      'Greylisting delays the first message from an unknown server by a few minutes, which stops most spam bots.',
      'A mailbox that reaches its quota rejects new messages, and senders get a bounce explaining why.',
      'Aliases deliver to an existing mailbox and do not count against the number of mailboxes in your plan.',
      'Webmail is available on every plan and works in any current browser.',
      'Messages in the spam folder are deleted automatically after 30 days.',
      'An app password is needed for mail apps once two-factor sign-in is active on the mailbox.',
    ],
    code: ['opensslMail', 'spf', 'swaks', 'dig'],
    settings: 'mail',
  },
  {
    id: 'web-hosting',
    title: 'Web hosting',
    description: 'Publish websites, manage databases, PHP versions, FTP and SSL certificates.',
    icon: 'server',
    weight: 10,
    products: L('web-hosting|managed-wordpress|site-builder'),
    tasks: L('upload a website with SFTP|change the PHP version|create an FTP account|set up a cron job|add a website to a hosting plan|change the document root|enable the error log|increase the PHP memory limit|password protect a folder|set up a staging site|install an application with one click|redirect HTTP to HTTPS|use Git to deploy a website|create a custom error page|enable caching|connect a domain to a website|edit the htaccess file|check the disk usage|switch to a bigger plan|enable HTTP2'),
    things: L('the document root|the PHP version|the htaccess file|the error log|the disk quota|the PHP memory limit|a cron job|the staging site|the file manager|SSH access|the access log|OPcache|the web server|inode usage'),
    problems: L('my website shows error 500|the website is slow|changes to the website are not visible|the upload limit is too small|the website shows a blank page|the website shows the default page|the PHP version cannot be changed|the disk quota is exceeded'),
    terms: L('website|PHP|hosting plan|FTP|SFTP|file manager|document root|web server|cron job|error log|htaccess|cache|staging|disk space|upload|SSH|Git|domain|PHP extension|memory limit|access log|Apache|Nginx|OPcache|Node.js|Python|inode|redirect'),
    quals: L(' on a shared hosting plan| in the customer area| with the file manager| with SSH| for a WordPress site| for a subdomain| on the Business plan| without downtime| for a single folder| with FileZilla'),
    menus: L('Websites|Hosting|PHP settings|File manager|Cron jobs'),
    facts: [
      'Each website has its own document root, so two sites on the same plan never share files by accident.',
      'PHP versions can be changed per website, and the change takes effect within a minute.',
      'The error log keeps the last seven days and is the first place to look when a page shows error 500.',
      'Plain FTP is switched off for new accounts because it sends passwords unencrypted; SFTP works with the same clients.',
      'Cron jobs run with the same PHP version and limits as the website they belong to.',
      'The staging copy uses its own database, so tests there never touch live orders or comments.',
      'Disk usage in the customer area is refreshed every few hours, not in real time.',
      'Shared hosting plans run on servers with solid-state storage and daily backups.',
      'Node.js and Python applications are available on the Business plan and above.',
    ],
    code: ['htaccess', 'phpini', 'sftp', 'rsync', 'crontab', 'gitDeploy'],
    settings: 'ftp',
  },
  {
    id: 'vps-cloud',
    title: 'VPS and cloud servers',
    description: 'Order, connect to, secure and scale virtual private servers and cloud instances.',
    icon: 'cloud',
    weight: 8,
    products: L('vps|cloud-server|managed-vps|object-storage'),
    tasks: L('connect to a VPS with SSH|add an SSH key|reinstall the operating system|resize a cloud server|create a snapshot|set up a firewall|reboot a server from the console|add a second IP address|attach a volume|set up a private network|configure reverse DNS for a server|upgrade the kernel|install Docker|set up automatic updates|use the rescue system|create a load balancer|move a server to another location|monitor CPU usage|set up IPv6|delete a server'),
    things: L('the rescue system|the web console|a snapshot|the firewall|the root password|the private network|a floating IP|the server image|the VNC console|cloud-init|the bandwidth limit|a block storage volume|the hypervisor|swap space'),
    problems: L('I cannot connect with SSH|the server does not boot|the server is very slow|the disk of the server is full|I lost the root password|the firewall locked me out|the server was suspended|the network does not work after a reboot'),
    terms: L('server|VPS|SSH|root|firewall|snapshot|IP address|operating system|Linux|Ubuntu|Debian|CPU|RAM|volume|console|kernel|Docker|network|IPv6|image|cloud-init|load balancer|bandwidth|rescue system|SSH key|port|swap|hypervisor'),
    quals: L(' on Ubuntu 24.04| on Debian 12| with the API| without losing data| on a managed VPS| on Windows Server| with Terraform| in the Zurich location| in the Frankfurt location| from the command line'),
    menus: L('Servers|Cloud|Networking|Snapshots|Firewalls'),
    facts: [
      'New servers are reachable about a minute after the order, and the root password is shown only once.',
      'Snapshots are taken while the server keeps running, but a short write pause is possible on busy databases.',
      'The web console works even when the network configuration of the server is broken.',
      'Resizing to a plan with a bigger disk cannot be undone, because disks can only grow.',
      'Inbound traffic is free; outbound traffic above the included volume is billed per terabyte.',
      'The rescue system boots a minimal Linux from the network so that you can repair the installed system.',
      'The managed VPS includes operating system updates and monitoring by our team.',
      'Private networks connect servers in the same location without counting against the traffic volume.',
      'Every server has an IPv6 subnet in addition to its public IPv4 address.',
    ],
    code: ['ssh', 'ufw', 'apt', 'systemctl', 'nginx', 'cloudinit', 'apiServer'],
    settings: 'ssh',
  },
  {
    id: 'billing-account',
    title: 'Billing and account',
    description: 'Invoices, payment methods, renewals, billing periods and account access.',
    icon: 'card',
    weight: 8,
    products: L('customer-account|web-hosting|domain-registration|vps'),
    tasks: L('download an invoice|change the payment method|update the billing address|switch to yearly billing|cancel a product|change the account owner|add a VAT number|pay an open invoice|set up direct debit|add a team member|change the account email address|close the account|request a refund|use a voucher|transfer a product to another customer|change the invoice language|download all invoices at once|set a spending limit|pay by bank transfer|reactivate a suspended product'),
    things: L('the billing period|automatic renewal|the customer number|the payment reminder|the credit balance|the cancellation period|the VAT number|a pro rata credit|the billing contact|the invoice address|the prepaid balance|a payment reference|the money back guarantee|the price list'),
    problems: L('my payment was declined|I was charged twice|the invoice shows the wrong address|my product was suspended|the credit card expired|I cannot find an invoice|the voucher code is not accepted|the direct debit was returned'),
    terms: L('invoice|payment|credit card|account|billing|renewal|refund|VAT|customer number|direct debit|PayPal|bank transfer|voucher|contract|cancellation|reminder|price|discount|plan|team member|owner|receipt|credit|subscription|tax|currency|period|upgrade'),
    quals: L(' in the customer area| for a domain| for a hosting plan| for a server| for a company| for several products| before the renewal date| from Switzerland| from the EU| with PayPal'),
    menus: L('Billing|Invoices|Payment methods|Account|Contracts'),
    facts: [
      'Invoices are created 14 days before the renewal date and sent to the billing contact.',
      'Products renew automatically unless they are cancelled before the end of the billing period.',
      'Upgrades are charged pro rata for the rest of the period; downgrades take effect at the next renewal.',
      'Companies in the EU can add a VAT number to have the reverse charge applied.',
      'Refunds go back to the payment method used for the original invoice.',
      'A product is suspended 21 days after the due date if the invoice is still open.',
      'Team members can have billing rights without seeing your server passwords.',
      'Prices on invoices are shown in the currency chosen when the account was opened.',
      'The money back guarantee covers the first 30 days of new hosting plans.',
    ],
    code: ['apiInvoices'],
  },
  {
    id: 'security-privacy',
    title: 'Security and privacy',
    description: 'Protect your account and data, two-factor sign-in, and how we handle personal data.',
    icon: 'shield',
    weight: 6,
    products: L('customer-account|web-hosting|vps'),
    tasks: L('turn on two-factor sign-in|reset a lost password|review active sessions|recover an account without the phone|report a phishing email|request a copy of my data|sign a data processing agreement|scan a website for malware|block an IP address|enable login notifications|create an API token with limited rights|remove a compromised user|change the security question|set up a security key|check the audit log'),
    things: L('two-factor sign-in|the recovery codes|the audit log|the data processing agreement|a security key|the malware scanner|the login history|an API token|the privacy policy|brute force protection|the web application firewall|session timeout'),
    problems: L('I lost my phone with the authenticator app|my website was hacked|I received a suspicious email|someone signed in to my account|my password reset link expired|the malware scanner reports a file|the account is locked|the API token stopped working'),
    terms: L('password|two-factor|account|security|malware|phishing|privacy|GDPR|data|token|session|login|authenticator app|recovery code|encryption|audit log|firewall|IP address|security key|backup|vulnerability|permission|role|breach'),
    quals: L(' in the customer area| for a team member| on a website| for the whole account| with an authenticator app| with a security key| after a data breach| for an API token'),
    menus: L('Security|Account security|Sessions|API tokens|Privacy'),
    facts: [
      'Recovery codes work only once each; store them outside your email account.',
      'All customer data is stored in data centres in Switzerland and Germany.',
      'We never ask for your password by email or phone.',
      'The audit log lists every sign-in and every change to products for the last 12 months.',
      'The data processing agreement is available in the customer area and can be signed online.',
      'Brute force protection blocks an IP address for 15 minutes after ten failed sign-ins.',
      'The malware scanner checks websites every night and emails a report when it finds something.',
    ],
    code: ['sshKeygen', 'apiToken'],
  },
  {
    id: 'ssl-certificates',
    title: 'SSL certificates',
    description: 'Free and paid certificates, HTTPS redirects, renewals and certificate errors.',
    icon: 'shield',
    weight: 6,
    products: L('ssl-certificate|web-hosting'),
    tasks: L('activate a free SSL certificate|install a paid certificate|renew a certificate|force HTTPS for a website|create a certificate signing request|upload an existing certificate|add a subdomain to a certificate|order a wildcard certificate|check the certificate chain|enable HSTS|fix mixed content warnings|validate a domain for a certificate'),
    things: L('the certificate chain|a wildcard certificate|the private key|HSTS|domain validation|the intermediate certificate|Lets Encrypt|an extended validation certificate|the certificate expiry date|OCSP stapling'),
    problems: L('the browser shows a certificate warning|the certificate was not renewed|the website shows mixed content|the certificate is issued for the wrong name|domain validation fails|the padlock is missing'),
    terms: L('SSL|TLS|certificate|HTTPS|private key|CSR|wildcard|Lets Encrypt|validation|chain|expiry|renewal|browser|padlock|HSTS|mixed content|intermediate certificate|domain|redirect|cipher'),
    quals: L(' for a subdomain| for all subdomains| on a VPS| with Nginx| with Apache| for a shop| in the customer area| for an external domain'),
    menus: L('SSL certificates|Security|Websites'),
    facts: [
      'Free certificates are renewed automatically 30 days before they expire.',
      'Domain validation only works when the domain already points to our servers.',
      'A wildcard certificate covers one level of subdomains, not the bare domain by itself.',
      'Mixed content warnings come from images or scripts that are still loaded over plain HTTP.',
      'HSTS tells browsers to use HTTPS only; remove it with care because browsers remember it.',
    ],
    code: ['certbot', 'opensslCsr', 'curlHead', 'htaccess', 'nginx'],
  },
  {
    id: 'databases',
    title: 'Databases',
    description: 'Create and manage MySQL, MariaDB and PostgreSQL databases, users and imports.',
    icon: 'server',
    weight: 6,
    products: L('web-hosting|managed-database|vps'),
    tasks: L('create a MySQL database|import a database dump|export a database|reset a database password|connect to a database remotely|open phpMyAdmin|create a database user|optimize database tables|repair a crashed table|change the database character set|set up a PostgreSQL database|allow remote access from an IP address|schedule database backups|upgrade to MariaDB 11'),
    things: L('phpMyAdmin|the database host|remote access|the database user|the character set|the maximum database size|slow query logging|the connection limit|a database dump|InnoDB'),
    problems: L('the import stops with a timeout|the website cannot connect to the database|the database is full|phpMyAdmin shows access denied|special characters look broken|too many connections are open'),
    terms: L('database|MySQL|MariaDB|PostgreSQL|phpMyAdmin|SQL|table|user|dump|import|export|query|index|host|port|character set|UTF-8|InnoDB|backup|connection|schema|privilege|collation'),
    quals: L(' with phpMyAdmin| from the command line| on a shared hosting plan| on a VPS| for WordPress| from another provider| with SSH'),
    menus: L('Databases|MySQL|PostgreSQL|Database users'),
    facts: [
      'The database host is not localhost on shared hosting; use the host name shown next to the database.',
      'phpMyAdmin imports files up to 256 MB; bigger dumps should be imported over SSH.',
      'New databases use the utf8mb4 character set, which also stores emoji correctly.',
      'Remote access is blocked by default and can be allowed for single IP addresses.',
      'Each database user can be limited to one database, which limits the damage of a leaked password.',
    ],
    code: ['mysqldump', 'mysqlImport', 'sql', 'psql'],
    settings: 'database',
  },
  {
    id: 'backups-restore',
    title: 'Backups and restore',
    description: 'Automatic backups, restoring files, mailboxes and databases, and keeping your own copies.',
    icon: 'cloud',
    weight: 5,
    products: L('backup-service|web-hosting|vps|object-storage'),
    tasks: L('restore a website from a backup|restore a deleted email|download a backup|restore a single file|restore a database|change the backup retention|create a manual backup|back up a server to object storage|restore a server snapshot|schedule an offsite backup|verify a backup|restore a WordPress site'),
    things: L('the backup retention|the restore point|an offsite backup|incremental backups|the backup schedule|the backup archive|object storage|point in time recovery'),
    problems: L('the backup is missing|the restore failed|I deleted files by mistake|the backup download does not start|restored emails are not visible|the backup is older than expected'),
    terms: L('backup|restore|snapshot|archive|retention|schedule|file|database|mailbox|object storage|version|copy|recovery|offsite|incremental|download|point in time|storage'),
    quals: L(' in the customer area| for a hosting plan| for a VPS| for a mailbox| from last week| with restic| without overwriting current files'),
    menus: L('Backups|Restore|Snapshots'),
    facts: [
      'Hosting plans are backed up every night, and the last 14 days can be restored.',
      'Restoring into a separate folder keeps the current files untouched.',
      'Deleted emails can be restored from the mail backup for up to 30 days.',
      'Backups are stored in a second data centre at least 50 kilometres away.',
      'Server snapshots are not backups of data outside the server disk, such as attached volumes.',
    ],
    code: ['restic', 'tar', 'crontab', 'mysqldump'],
  },
  {
    id: 'support-plans',
    title: 'Support plans',
    description: 'What each support plan covers, opening hours and guaranteed response times.',
    icon: 'lifebuoy',
    weight: 4,
    products: L('premium-support|business-support|customer-account'),
    tasks: L('open a support ticket|call the support hotline|upgrade to premium support|add a contact to support tickets|escalate a ticket|book a migration with our team|rate a support conversation|reopen a closed ticket|share access with support|check the status of a ticket'),
    things: L('the response time|premium support|the support PIN|the service level agreement|the status page|emergency support|the ticket priority|the opening hours'),
    problems: L('I did not get an answer to my ticket|the hotline is busy|support cannot verify my identity|a ticket was closed too early|I need help outside opening hours'),
    terms: L('support|ticket|hotline|response time|SLA|priority|status page|PIN|premium|emergency|chat|phone|email|opening hours|escalation|contact|plan|incident'),
    quals: L(' for a business account| outside opening hours| for an outage| by phone| by chat| for a reseller account'),
    menus: L('Support|Tickets|Support plans'),
    facts: [
      'Standard support answers tickets within one business day.',
      'Premium support guarantees a first answer within one hour, day and night.',
      'The support PIN proves your identity on the phone without sharing your password.',
      'Outages and planned maintenance are announced on the status page first.',
      'Tickets are closed automatically seven days after the last answer from our team.',
    ],
    code: ['apiTicket'],
  },
  {
    id: 'wordpress',
    title: 'WordPress hosting',
    description: 'Install, update, speed up and secure WordPress sites on our managed platform.',
    icon: 'book',
    weight: 6,
    products: L('managed-wordpress|web-hosting'),
    tasks: L('install WordPress|update WordPress plugins|reset the WordPress admin password|move a WordPress site to another domain|enable the WordPress debug mode|use WP-CLI|set up a WordPress multisite|speed up a WordPress site|disable a plugin without admin access|clone a WordPress site to staging|enable automatic updates|change the WordPress site address'),
    things: L('WP-CLI|the wp-config file|the object cache|automatic updates|the WordPress cron|a child theme|the permalink settings|WordPress multisite|the debug log'),
    problems: L('WordPress shows a critical error|the WordPress admin is very slow|the site shows too many redirects|a plugin update broke the site|WordPress cannot send emails|the login page keeps reloading'),
    terms: L('WordPress|plugin|theme|WP-CLI|admin|cache|update|multisite|permalink|database|wp-config|debug mode|cron|WooCommerce|media library|user|staging|page builder'),
    quals: L(' with WP-CLI| in the customer area| without admin access| for WooCommerce| on a managed WordPress plan| on a multisite'),
    menus: L('WordPress|Websites|Toolkit'),
    facts: [
      'Managed WordPress plans install security updates for the core automatically within 24 hours.',
      'WP-CLI is available in every SSH session and uses the PHP version of the website.',
      'The object cache keeps database results in memory and speeds up busy admin pages.',
      'Staging copies block search engines automatically so they never appear in search results.',
    ],
    code: ['wpcli', 'wpconfig', 'htaccess'],
  },
  {
    id: 'events-ticketing',
    title: 'Events and ticketing',
    description: 'Sell tickets and passes, build seating plans and scan entries at the door.',
    icon: 'ticket',
    weight: 4,
    products: L('event-tickets|box-office|access-control'),
    tasks: L('create an event|set up ticket categories|build a seating plan|scan tickets at the entrance|refund a ticket|send a message to all ticket holders|create a discount code|export the guest list|embed the ticket shop on a website|set up a season pass|change the event date|limit tickets per order'),
    things: L('the ticket shop|the seating plan|the scanner app|the guest list|the service fee|the payout schedule|a season pass|the waiting list'),
    problems: L('the scanner app shows invalid ticket|tickets are not delivered by email|the payout is late|the seating plan cannot be saved|a guest lost the ticket'),
    terms: L('event|ticket|seat|scanner|guest|order|payout|discount|check-in|entrance|season pass|category|capacity|waiting list|QR code|box office|fee|refund'),
    quals: L(' for a concert| for a conference| with the scanner app| for a sold out event| for a free event| on the website'),
    menus: L('Events|Ticket shop|Orders|Payouts'),
    facts: [
      'The scanner app works offline and synchronises check-ins as soon as it is online again.',
      'Payouts are made weekly and include all orders of events that already took place.',
      'Every ticket carries a unique QR code that can only be scanned once.',
      'Seating plans can be copied from one event to the next.',
    ],
    code: ['apiEvents'],
  },
  {
    id: 'website-migration',
    title: 'Moving to AlpenHost',
    description: 'Move websites, mailboxes, databases and domains from another provider without downtime.',
    icon: 'server',
    weight: 4,
    products: L('migration-service|web-hosting|mail-service'),
    tasks: L('move a website from another provider|move mailboxes from another provider|plan a migration without downtime|test a website before the DNS change|copy files with rsync|migrate a database|lower the TTL before a move|book the free migration service|move a shop to AlpenHost'),
    things: L('the migration checklist|the preview URL|the hosts file|the migration service|the cut over date|IMAP sync'),
    problems: L('the moved website shows old content|some emails are missing after the move|the website looks broken after the move|the old provider will not release the domain'),
    terms: L('migration|move|provider|website|mailbox|database|DNS|TTL|downtime|rsync|hosts file|preview|IMAP sync|checklist|cut over|files|domain'),
    quals: L(' without downtime| from cPanel| from Plesk| over a weekend| with our migration service| for a large shop'),
    menus: L('Migration|Websites|Email'),
    facts: [
      'Lowering the TTL a day before the move shortens the time in which visitors see the old server.',
      'The preview URL lets you test the moved site before the domain points to us.',
      'Mailboxes are copied with IMAP sync, which keeps folders and read status.',
      'The free migration service moves up to five websites per contract.',
    ],
    code: ['rsync', 'mysqldump', 'dig', 'hosts'],
  },
  {
    id: 'developer-api',
    title: 'API and developer tools',
    description: 'Automate products with the REST API, the command-line client and Terraform.',
    icon: 'book',
    weight: 4,
    products: L('public-api|cli|terraform-provider'),
    tasks: L('create an API token|list all domains with the API|create a server with the API|install the command-line client|use the Terraform provider|receive webhooks|handle API rate limits|paginate API results|update DNS records with the API|rotate an API token'),
    things: L('the rate limit|the API base URL|pagination|a webhook signature|the command-line client|the Terraform provider|the API changelog|idempotency keys'),
    problems: L('the API returns 401|the API returns 429 too many requests|webhooks are not delivered|the Terraform plan shows changes every time'),
    terms: L('API|token|request|response|JSON|endpoint|webhook|rate limit|pagination|CLI|Terraform|header|status code|REST|version|SDK|curl|scope'),
    quals: L(' with curl| with Python| with the CLI| with Terraform| in a CI pipeline| for a reseller account'),
    menus: L('API tokens|Developer|Webhooks'),
    facts: [
      'The API allows 600 requests per minute per token; the limit is shown in the response headers.',
      'List endpoints return 50 items per page and a link to the next page.',
      'Webhook requests carry a signature header so that you can check they come from us.',
      'Tokens can be limited to single products and to read-only access.',
    ],
    code: ['apiDns', 'apiServer', 'python', 'terraform', 'webhookJson'],
  },
  {
    id: 'reseller',
    title: 'Reseller hosting',
    description: 'Sell hosting, domains and mail under your own brand and manage your customers.',
    icon: 'card',
    weight: 3,
    products: L('reseller-hosting|domain-registration|public-api'),
    tasks: L('create a customer account|set your own prices|brand the control panel|move a customer to another plan|invoice your customers|give a customer access|suspend a customer|register domains for customers'),
    things: L('the reseller discount|white label branding|the customer limit|the reseller contract|sub accounts|the resource pool'),
    problems: L('a customer cannot sign in|the resource pool is used up|customer invoices show our brand'),
    terms: L('reseller|customer|brand|plan|price|discount|sub account|resource pool|white label|contract|invoice|domain|hosting'),
    quals: L(' for a new customer| under your own brand| with the API| for all customers'),
    menus: L('Reseller|Customers|Branding'),
    facts: [
      'Resellers get a discount that grows with the number of active products.',
      'White label branding replaces our logo and domain in the control panel your customers see.',
      'Customers of resellers contact the reseller, not our support team.',
    ],
    code: ['apiReseller'],
  },
  {
    id: 'getting-started',
    title: 'Getting started',
    description: 'First steps after your order: the customer area, your first website and your first mailbox.',
    icon: 'lifebuoy',
    weight: 3,
    products: L('customer-account|web-hosting|mail-service'),
    tasks: L('sign in to the customer area for the first time|choose the right hosting plan|publish a first website|create a first mailbox|connect an existing domain|invite a colleague|find the welcome email|change the interface language'),
    things: L('the customer area|the welcome email|the dashboard|the onboarding checklist|the product overview'),
    problems: L('I did not receive the welcome email|I cannot find my product|the order is still pending'),
    terms: L('customer area|dashboard|order|product|plan|welcome email|account|domain|website|mailbox|setup|checklist'),
    quals: L(' after ordering| on a phone| for a small business| for a club'),
    menus: L('Dashboard|Products|Account'),
    facts: [
      'Most products are ready a few minutes after the order is paid.',
      'The welcome email contains the first sign-in link and is valid for seven days.',
      'The dashboard lists open tasks, such as domains that still need a confirmation.',
    ],
    code: ['ssh', 'sftp'],
  },
];

// Only used once a category's own title combinations are mostly taken.
export const EXTRA_QUALS = L('for beginners|as a team member|for a company account|for a club|for a second website|on a new contract|after a price change|during a migration|for a test project|on a tablet|with two-factor sign-in enabled|for a customer|for a staging site|on the Starter plan|on the Pro plan');
export const GENERIC_TERMS = L('customer area|account|plan|support team|settings|page|button|menu|overview|change|status|email|minutes|hours|option|product|contract|team|list|details|confirmation|warning|link|field');
export const DURATIONS = L('a few seconds|a minute|a few minutes|up to 15 minutes|about an hour|a few hours|up to 24 hours|up to 48 hours|one business day|a few days');
export const STATUSES = L('Active|Pending|In progress|Completed|Waiting for confirmation|Scheduled');
export const PLANS = L('Starter|Basic|Plus|Business|Pro|Enterprise');
export const DOMAINS = L('example.com|example.org|example.net|my-bakery.example|studio-nord.example|alpine-shop.example|club-zurich.example|kaffee-bern.example');
export const IPS = L('192.0.2.10|192.0.2.44|198.51.100.7|198.51.100.23|203.0.113.5|203.0.113.80');
export const IP6 = L('2001:db8::10|2001:db8:4c::1|2001:db8:a0b1::25');
export const FIRST = L('anna|marco|lea|jonas|sofia|luca|nina|david|sara|tim');
export const ROUTES = ['/api/v1/domains', '/api/v1/servers', '/api/v1/invoices', '/api/v1/dns/records', '/api/v1/mailboxes', '/api/v1/tickets'];

// Sentence frames shared by every category; the slots are filled from the
// category vocabulary so each category reads differently.
export const FRAMES = [
  'Open **{menu}** in the customer area to see every {t} that belongs to your account.',
  'Changes to the {t} usually take effect within {dur}.',
  'If {problem}, check the {t} first, because most cases start there.',
  'You can {task} at any time, and there is no extra charge for it.',
  'Note down the current {t} before you change anything, so that you can go back if needed.',
  'The {t} and the {t2} are separate settings, so changing one does not affect the other.',
  'Keep in mind that {thing} depends on the {t}.',
  'After you {task}, the status changes to **{status}**.',
  'This works the same way on every plan, from {plan} to {plan2}.',
  'You need owner or admin rights on the account to {task}.',
  'When in doubt, contact support with the {t} and the time you made the change.',
  'If you manage {num} or more products, the API is the faster way to {task}.',
  'Each {t} can be edited, paused or removed from the same page.',
  'A common mistake is to {task} before the {t} is ready.',
  'The customer area shows a warning when the {t} looks unusual.',
  'Our support team can {task} for you, but doing it yourself is usually quicker.',
  'Most customers only need to {task} once.',
  'The overview lists the {t}, the {t2} and the date of the last change.',
  'It can take {dur} until {thing} is updated everywhere.',
  'For most setups the default {t} is the right choice.',
  'The {t} is part of every {plan} plan.',
  'Select the {t} in the list and click **Edit** to see all options.',
  'We send a confirmation email to the account owner whenever the {t} changes.',
  'Before you {task}, make sure the {t} is correct.',
  'Nothing happens to your {t2} while you {task}.',
  'The help text next to each field explains what the {t} is used for.',
  'If the {t} is missing from the list, reload the page after {dur}.',
  'You will find {thing} under **{menu}**.',
  'In our experience, {thing} causes more questions than any other setting.',
  'The {t} is stored per {t2}, not per account.',
  'To {task}, you do not need to contact us.',
  'Larger accounts often {task} with a script instead of the customer area.',
  'The change log at the bottom of the page shows who changed the {t} and when.',
  'Some older {t2} settings are only visible when you click **Show advanced options**.',
  'If the {t} does not match, the customer area refuses to save the change and shows why.',
  'The {t} is checked automatically every {num} minutes.',
];

export const INTRO = {
  faq: [
    'Short answer: yes, and it only takes {dur}. Below we explain the details and what to check when something does not behave as expected.',
    'This question comes up often in support. Here is what you need to know, and where to find the relevant settings.',
    'Here is the short version, followed by the details for the cases where it matters.',
    '{Fact}',
  ],
  tutorial: [
    'This guide shows you how to {topic}. It takes about {num} minutes and you can do everything yourself in the customer area.',
    'Follow the steps below to {topic}. You do not need technical knowledge, but you do need access to the customer area.',
    'In this tutorial you {topic}. We also cover the most common problems and how to fix them.',
    '{Fact} This guide walks you through the process step by step.',
  ],
  video: [
    'In this video we {show}. The transcript below the video contains everything that is said, and the sections after it summarise the key points.',
    'Watch the short video: we {show}. If you prefer reading, the transcript and summary below cover the same ground.',
    'This video walks through the whole process. It has chapters for each part, so you can skip to the step you need.',
  ],
};

export const HEADINGS = {
  common: L('Before you start|What you need|How {thing} works|About {thing}|Check the {t}|Change the {t}|Common problems|Troubleshooting|Limits|Prices and billing|Good to know|Frequently asked questions|Next steps|If {problem}|Using the API|Using the command line|What happens next|How long it takes|Settings overview|Example|{Task} in the customer area|{Task} with the API|Undo the change|Related settings|Still need help|The {t} in detail|Security considerations|For teams and resellers|Tips for larger accounts|When to contact support'),
  faq: L('Short answer|Why this happens|Details|Exceptions|What we recommend|Background'),
  tutorial: L('Step by step|Check the result|Prepare the {t}|Overview|Optional settings|Clean up'),
  video: L('Watch the video|What the video covers|Summary|Try it yourself|Chapters|Key points'),
};

export const TABLES = [
  (rng: Rng, c: Category) => ({
    head: ['Plan', 'Storage', 'Mailboxes', 'Websites'],
    rows: PLANS.slice(0, rng.int(3, 5)).map((p, i) => [p, `${[10, 50, 100, 250, 500][i]} GB`, String([5, 25, 100, 500, 'unlimited'][i]), String([1, 3, 10, 25, 'unlimited'][i])]),
  }),
  (rng: Rng, c: Category) => ({
    head: ['Action', 'Typical time'],
    rows: rng.sample(c.tasks, rng.int(3, 5)).map((t) => [cap(t), rng.pick(DURATIONS)]),
  }),
  (rng: Rng, c: Category) => ({
    head: ['Term', 'Meaning'],
    rows: rng.sample(c.terms, rng.int(3, 5)).map((t) => [cap(t), `The ${t} as shown under ${rng.pick(c.menus)}.`]),
  }),
  (rng: Rng) => ({
    head: ['Record type', 'Host', 'Value', 'TTL'],
    rows: [
      ['A', '@', rng.pick(IPS), '3600'],
      ['AAAA', '@', rng.pick(IP6), '3600'],
      ['CNAME', 'www', rng.pick(DOMAINS) + '.', '3600'],
      ['MX', '@', 'mx1.alpenhost.example.', '3600'],
      ['TXT', '@', 'v=spf1 include:spf.alpenhost.example ~all', '3600'],
    ].slice(0, rng.int(3, 5)),
  }),
  (rng: Rng) => ({
    head: ['Protocol', 'Server', 'Port', 'Encryption'],
    rows: [
      ['IMAP', 'imap.alpenhost.example', '993', 'SSL/TLS'],
      ['SMTP', 'smtp.alpenhost.example', '587', 'STARTTLS'],
      ['POP3', 'pop.alpenhost.example', '995', 'SSL/TLS'],
      ['SFTP', `sftp${rng.int(1, 9)}.alpenhost.example`, '22', 'SSH'],
    ].slice(0, rng.int(2, 4)),
  }),
];

export const SETTINGS = {
  mail: (rng: Rng) => ({
    caption: 'Mail server settings',
    rows: [
      ['Incoming server (IMAP)', 'imap.alpenhost.example'],
      ['IMAP port', '993 (SSL/TLS)'],
      ['Outgoing server (SMTP)', 'smtp.alpenhost.example'],
      ['SMTP port', '587 (STARTTLS)'],
      ['User name', `${rng.pick(FIRST)}@${rng.pick(DOMAINS)}`],
      ['Authentication', 'Normal password'],
    ],
  }),
  ftp: (rng: Rng) => ({
    caption: 'SFTP connection settings',
    rows: [
      ['Server', `sftp${rng.int(1, 9)}.alpenhost.example`],
      ['Port', '22'],
      ['Protocol', 'SFTP'],
      ['User name', `${rng.pick(FIRST)}-${rng.int(100, 999)}`],
      ['Directory', `/sites/${rng.pick(DOMAINS)}/public`],
    ],
  }),
  ssh: (rng: Rng) => ({
    caption: 'Server access',
    rows: [
      ['IPv4 address', rng.pick(IPS)],
      ['IPv6 address', rng.pick(IP6)],
      ['User', 'root'],
      ['SSH port', '22'],
      ['Console', 'Servers, then Console'],
    ],
  }),
  database: (rng: Rng) => ({
    caption: 'Database connection',
    rows: [
      ['Host', `db${rng.int(1, 30)}.alpenhost.example`],
      ['Port', rng.chance(0.7) ? '3306' : '5432'],
      ['Database', `db_${rng.pick(FIRST)}_${rng.int(10, 99)}`],
      ['User', `u_${rng.pick(FIRST)}_${rng.int(10, 99)}`],
      ['Character set', 'utf8mb4'],
    ],
  }),
  generic: (rng: Rng, c: Category) => ({
    caption: `${cap(rng.pick(c.terms))} settings`,
    rows: rng.sample(c.terms, 4).map((t) => [cap(t), rng.pick(['On', 'Off', 'Automatic', rng.pick(DURATIONS), rng.pick(STATUSES)])]),
  }),
};

// Code samples contain braces and angle brackets freely: inside fences MDX
// treats them as plain text, unlike in prose.
export const CODE = {
  dig: (rng: Rng) => ['bash', `dig +short ${rng.pick(DOMAINS)} ${rng.pick(['A', 'AAAA', 'MX', 'NS', 'TXT'])}\ndig @ns1.alpenhost.example ${rng.pick(DOMAINS)} SOA +noall +answer`],
  nslookup: (rng: Rng) => ['powershell', `nslookup -type=${rng.pick(['mx', 'ns', 'txt'])} ${rng.pick(DOMAINS)}\nResolve-DnsName ${rng.pick(DOMAINS)} -Type A`],
  whois: (rng: Rng) => ['bash', `whois ${rng.pick(DOMAINS)} | grep -i -E "status|name server|expir"`],
  zone: (rng: Rng) => {
    const d = rng.pick(DOMAINS);
    return ['text', `$ORIGIN ${d}.\n$TTL 3600\n@     IN  A      ${rng.pick(IPS)}\n@     IN  AAAA   ${rng.pick(IP6)}\nwww   IN  CNAME  ${d}.\n@     IN  MX 10  mx1.alpenhost.example.\n@     IN  TXT    "v=spf1 include:spf.alpenhost.example ~all"`];
  },
  opensslMail: (rng: Rng) => ['bash', `openssl s_client -connect ${rng.pick(['imap', 'smtp'])}.alpenhost.example:${rng.pick(['993', '465'])} -servername ${rng.pick(['imap', 'smtp'])}.alpenhost.example`],
  spf: (rng: Rng) => ['text', `${rng.pick(DOMAINS)}.  3600  IN  TXT  "v=spf1 include:spf.alpenhost.example ~all"\n_dmarc.${rng.pick(DOMAINS)}.  3600  IN  TXT  "v=DMARC1; p=${rng.pick(['none', 'quarantine', 'reject'])}; rua=mailto:dmarc@${rng.pick(DOMAINS)}"`],
  swaks: (rng: Rng) => ['bash', `swaks --to ${rng.pick(FIRST)}@${rng.pick(DOMAINS)} \\\n  --server smtp.alpenhost.example:587 --tls \\\n  --auth LOGIN --auth-user ${rng.pick(FIRST)}@${rng.pick(DOMAINS)}`],
  htaccess: () => ['apache', 'RewriteEngine On\nRewriteCond %{HTTPS} off\nRewriteRule ^(.*)$ https://%{HTTP_HOST}%{REQUEST_URI} [L,R=301]'],
  phpini: (rng: Rng) => ['ini', `memory_limit = ${rng.pick(['256M', '512M', '1024M'])}\nupload_max_filesize = ${rng.pick(['64M', '128M', '256M'])}\npost_max_size = ${rng.pick(['64M', '128M', '256M'])}\nmax_execution_time = ${rng.pick(['60', '120', '300'])}`],
  sftp: (rng: Rng) => ['bash', `sftp ${rng.pick(FIRST)}-${rng.int(100, 999)}@sftp${rng.int(1, 9)}.alpenhost.example\nsftp> cd public\nsftp> put -r ./dist/*`],
  rsync: (rng: Rng) => ['bash', `rsync -avz --delete ./public/ ${rng.pick(FIRST)}@sftp${rng.int(1, 9)}.alpenhost.example:/sites/${rng.pick(DOMAINS)}/public/`],
  crontab: (rng: Rng) => ['bash', `# m h dom mon dow command\n${rng.int(0, 59)} ${rng.int(0, 23)} * * * /usr/bin/php /sites/${rng.pick(DOMAINS)}/cron.php > /dev/null 2>&1`],
  gitDeploy: (rng: Rng) => ['bash', `git remote add live ssh://${rng.pick(FIRST)}@ssh.alpenhost.example/~/repos/site.git\ngit push live main`],
  ssh: (rng: Rng) => ['bash', `ssh root@${rng.pick(IPS)}\nssh -i ~/.ssh/id_ed25519 -p 22 ${rng.pick(FIRST)}@${rng.pick(IPS)}`],
  sshKeygen: (rng: Rng) => ['bash', `ssh-keygen -t ed25519 -C "${rng.pick(FIRST)}@${rng.pick(DOMAINS)}"\ncat ~/.ssh/id_ed25519.pub`],
  ufw: (rng: Rng) => ['bash', `sudo ufw default deny incoming\nsudo ufw allow 22/tcp\nsudo ufw allow ${rng.pick(['80,443/tcp', '443/tcp', '8080/tcp'])}\nsudo ufw enable\nsudo ufw status verbose`],
  apt: () => ['bash', 'sudo apt update && sudo apt upgrade -y\nsudo apt install unattended-upgrades\nsudo dpkg-reconfigure -plow unattended-upgrades'],
  systemctl: (rng: Rng) => ['bash', `sudo systemctl status ${rng.pick(['nginx', 'apache2', 'mariadb', 'docker', 'ssh'])}\nsudo journalctl -u ${rng.pick(['nginx', 'apache2', 'mariadb', 'docker', 'ssh'])} --since "1 hour ago"`],
  nginx: (rng: Rng) => {
    const d = rng.pick(DOMAINS);
    return ['nginx', `server {\n    listen 443 ssl http2;\n    server_name ${d} www.${d};\n    ssl_certificate /etc/letsencrypt/live/${d}/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/${d}/privkey.pem;\n    root /var/www/${d};\n}`];
  },
  cloudinit: (rng: Rng) => ['yaml', `#cloud-config\npackage_update: true\npackages:\n  - ${rng.pick(['nginx', 'docker.io', 'fail2ban'])}\n  - ufw\nusers:\n  - name: ${rng.pick(FIRST)}\n    groups: sudo\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAAC3Nza... ${rng.pick(FIRST)}@laptop`],
  apiServer: (rng: Rng) => ['bash', `curl -X POST https://api.alpenhost.example/v1/servers \\\n  -H "Authorization: Bearer $ALPENHOST_TOKEN" \\\n  -H "Content-Type: application/json" \\\n  -d '{"name": "web-${rng.int(1, 9)}", "plan": "${rng.pick(['vps-s', 'vps-m', 'vps-l'])}", "image": "ubuntu-24.04", "location": "${rng.pick(['zrh', 'fra'])}"}'`],
  apiDns: (rng: Rng) => ['bash', `curl https://api.alpenhost.example/v1/dns/${rng.pick(DOMAINS)}/records \\\n  -H "Authorization: Bearer $ALPENHOST_TOKEN" \\\n  -d '{"type": "${rng.pick(['A', 'TXT', 'CNAME'])}", "name": "${rng.pick(['@', 'www', 'shop', 'mail'])}", "ttl": ${rng.pick([300, 3600])}}'`],
  apiInvoices: () => ['bash', 'curl "https://api.alpenhost.example/v1/invoices?status=open" \\\n  -H "Authorization: Bearer $ALPENHOST_TOKEN" | jq ".items[] | {number, total, due_date}"'],
  apiToken: () => ['bash', 'curl https://api.alpenhost.example/v1/tokens/current \\\n  -H "Authorization: Bearer $ALPENHOST_TOKEN"'],
  apiTicket: (rng: Rng) => ['json', `{\n  "subject": "${cap(rng.pick(FIRST))} cannot send mail",\n  "priority": "${rng.pick(['normal', 'high', 'urgent'])}",\n  "product": "${rng.pick(['mail-service', 'web-hosting', 'vps'])}"\n}`],
  apiEvents: (rng: Rng) => ['json', `{\n  "event": "ticket.scanned",\n  "ticket": "T-${rng.int(100000, 999999)}",\n  "gate": "${rng.pick(['north', 'south', 'main'])}",\n  "valid": ${rng.chance(0.8)}\n}`],
  apiReseller: (rng: Rng) => ['bash', `curl -X POST https://api.alpenhost.example/v1/reseller/customers \\\n  -H "Authorization: Bearer $ALPENHOST_TOKEN" \\\n  -d '{"email": "${rng.pick(FIRST)}@${rng.pick(DOMAINS)}", "plan": "${rng.pick(PLANS).toLowerCase()}"}'`],
  webhookJson: (rng: Rng) => ['json', `{\n  "type": "${rng.pick(['domain.renewed', 'server.created', 'invoice.paid'])}",\n  "id": "evt_${rng.int(10000, 99999)}",\n  "created_at": "2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}T08:30:00Z"\n}`],
  python: (rng: Rng) => ['python', `import os\nimport requests\n\nresp = requests.get(\n    "https://api.alpenhost.example${rng.pick(ROUTES)}",\n    headers={"Authorization": f"Bearer {os.environ['ALPENHOST_TOKEN']}"},\n    params={"page": ${rng.int(1, 5)}},\n)\nfor item in resp.json()["items"]:\n    print(item["id"], item["name"])`],
  terraform: (rng: Rng) => ['hcl', `resource "alpenhost_server" "web" {\n  name     = "web-${rng.int(1, 9)}"\n  plan     = "${rng.pick(['vps-s', 'vps-m', 'vps-l'])}"\n  image    = "debian-12"\n  location = "${rng.pick(['zrh', 'fra'])}"\n}`],
  certbot: (rng: Rng) => ['bash', `sudo certbot --nginx -d ${rng.pick(DOMAINS)} -d www.${rng.pick(DOMAINS)}\nsudo certbot renew --dry-run`],
  opensslCsr: (rng: Rng) => ['bash', `openssl req -new -newkey rsa:2048 -nodes \\\n  -keyout ${rng.pick(DOMAINS)}.key -out ${rng.pick(DOMAINS)}.csr \\\n  -subj "/C=CH/O=${cap(rng.pick(FIRST))} GmbH/CN=${rng.pick(DOMAINS)}"`],
  curlHead: (rng: Rng) => ['bash', `curl -vI https://${rng.pick(DOMAINS)} 2>&1 | grep -E "expire|subject|issuer"`],
  mysqldump: (rng: Rng) => ['bash', `mysqldump -h db${rng.int(1, 30)}.alpenhost.example -u u_${rng.pick(FIRST)} -p \\\n  --single-transaction db_${rng.pick(FIRST)} > backup-$(date +%F).sql`],
  mysqlImport: (rng: Rng) => ['bash', `mysql -h db${rng.int(1, 30)}.alpenhost.example -u u_${rng.pick(FIRST)} -p db_${rng.pick(FIRST)} < dump.sql`],
  sql: (rng: Rng) => ['sql', `SELECT table_name, ROUND((data_length + index_length) / 1024 / 1024, 1) AS size_mb\nFROM information_schema.tables\nWHERE table_schema = 'db_${rng.pick(FIRST)}'\nORDER BY size_mb DESC\nLIMIT ${rng.int(5, 20)};`],
  psql: (rng: Rng) => ['bash', `psql "host=pg${rng.int(1, 9)}.alpenhost.example dbname=app user=${rng.pick(FIRST)} sslmode=require"`],
  restic: (rng: Rng) => ['bash', `restic -r s3:https://objects.alpenhost.example/${rng.pick(FIRST)}-backups init\nrestic -r s3:https://objects.alpenhost.example/${rng.pick(FIRST)}-backups backup /var/www --exclude "*.log"`],
  tar: (rng: Rng) => ['bash', `tar -czf site-$(date +%F).tar.gz -C /sites/${rng.pick(DOMAINS)} public\ntar -tzf site-*.tar.gz | head`],
  wpcli: (rng: Rng) => ['bash', `wp plugin list --status=active\nwp plugin update --all\nwp search-replace "http://${rng.pick(DOMAINS)}" "https://${rng.pick(DOMAINS)}" --dry-run`],
  wpconfig: () => ['php', "define( 'WP_DEBUG', true );\ndefine( 'WP_DEBUG_LOG', true );\ndefine( 'WP_DEBUG_DISPLAY', false );"],
  hosts: (rng: Rng) => ['text', `# /etc/hosts on macOS and Linux, C:\\Windows\\System32\\drivers\\etc\\hosts on Windows\n${rng.pick(IPS)}  ${rng.pick(DOMAINS)} www.${rng.pick(DOMAINS)}`],
};

export const CALLOUT_TITLES = {
  note: L('Note|Good to know|Please note|Before you continue'),
  tip: L('Tip|Save time|Shortcut|Recommended'),
  warning: L('Warning|Careful|This cannot be undone|Check before you continue'),
};

/** One category of the pool, with its vocabulary. */
export type Category = (typeof CATEGORY_POOL)[number];
