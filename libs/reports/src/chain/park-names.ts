import { RegistryReader } from '@hp/registry';
import { ReportLanguage } from '../model/messages';
import { ParkNamer } from '../model/report-tables';

/** Parks named in the report's language: the registry's Vietnamese name in a Vietnamese report. */
export async function parkNamer(registry: RegistryReader, language: ReportLanguage): Promise<ParkNamer> {
  if (language !== 'vi') return (_code, stored) => stored;
  const names = new Map((await registry.parks.list()).map((p) => [p.code, p.nameVi ?? p.name]));
  return (code, stored) => names.get(code) ?? stored;
}
