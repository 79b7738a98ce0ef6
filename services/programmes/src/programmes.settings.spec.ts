import { ConfigError, demoAgencyId } from '@kinga/shared';
import { loadProgrammesSettings } from './programmes.settings';

describe('programmes settings', () => {
  it('reads NCCS_AGENCY_ID, and falls back to the demo NCCS id when it is unset', () => {
    const id = '0b9d6c1e-2f4a-4c3b-9d8e-7f6a5b4c3d2e';
    expect(loadProgrammesSettings({ NCCS_AGENCY_ID: id })).toEqual({ nccsAgencyId: id });
    expect(loadProgrammesSettings({})).toEqual({ nccsAgencyId: demoAgencyId('NCCS') });
  });

  it('refuses a malformed NCCS_AGENCY_ID with the same ConfigError as the other settings', () => {
    expect(() => loadProgrammesSettings({ NCCS_AGENCY_ID: 'nccs' })).toThrow(ConfigError);
    expect(() => loadProgrammesSettings({ NCCS_AGENCY_ID: 'nccs' })).toThrow(/NCCS_AGENCY_ID: must be the directory id of NCCS/);
  });

  it('refuses to start in production without NCCS_AGENCY_ID, where the demo id would let nobody review', () => {
    expect(() => loadProgrammesSettings({ NODE_ENV: 'production' })).toThrow(/NCCS_AGENCY_ID: missing/);
    const id = '0b9d6c1e-2f4a-4c3b-9d8e-7f6a5b4c3d2e';
    expect(loadProgrammesSettings({ NODE_ENV: 'production', NCCS_AGENCY_ID: id })).toEqual({ nccsAgencyId: id });
  });
});
