// The components authors may use in any article without an import line.
import Callout from './Callout.astro';
import SettingsTable from './SettingsTable.astro';
import Steps from './Steps.astro';
import Video from './Video.astro';

export const mdxComponents = { Callout, SettingsTable, Steps, Video };
