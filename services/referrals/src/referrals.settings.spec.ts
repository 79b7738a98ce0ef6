import { loadReferralsSettings } from './referrals.settings';

describe('referrals settings', () => {
  it('reuses statistics tables for 300 seconds unless told otherwise, and 0 means never', () => {
    expect(loadReferralsSettings({})).toEqual({ statisticsMaxAgeSeconds: 300 });
    expect(loadReferralsSettings({ REFERRAL_STATISTICS_MAX_AGE_SECONDS: '' })).toEqual({ statisticsMaxAgeSeconds: 300 });
    // Blank, as a compose file's `VAR= ` leaves it, is unset too (loadConfig, for every service's settings).
    expect(loadReferralsSettings({ REFERRAL_STATISTICS_MAX_AGE_SECONDS: '  ' })).toEqual({ statisticsMaxAgeSeconds: 300 });
    // Spaces around a value, or a CRLF file's carriage return, are not part of it.
    expect(loadReferralsSettings({ REFERRAL_STATISTICS_MAX_AGE_SECONDS: ' 60\r' })).toEqual({ statisticsMaxAgeSeconds: 60 });
    expect(loadReferralsSettings({ REFERRAL_STATISTICS_MAX_AGE_SECONDS: '0' })).toEqual({ statisticsMaxAgeSeconds: 0 });
    expect(loadReferralsSettings({ REFERRAL_STATISTICS_MAX_AGE_SECONDS: '60' })).toEqual({ statisticsMaxAgeSeconds: 60 });
  });

  it.each(['-1', '1.5', '5m', 'abc'])('refuses %j, naming the setting and what it takes', (value) => {
    expect(() => loadReferralsSettings({ REFERRAL_STATISTICS_MAX_AGE_SECONDS: value })).toThrow(
      /the referrals subgraph cannot start[\s\S]*REFERRAL_STATISTICS_MAX_AGE_SECONDS: must be a whole number of seconds, 0 or more/,
    );
  });
});
