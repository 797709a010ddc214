import type { ChinaDate } from '../commonTypes';
import { calendar } from '../sandbox/calendar';
import type { DriverLicence } from './types';

/** Years a first driving licence is valid (道路交通安全法实施条例 第26条: 6 years, then 10, then long-term). */
const FIRST_LICENCE_YEARS = 6;

/**
 * The licence of a citizen whose class and validity the sandbox was not told: a first C1 licence, valid 6 years
 * from its first issue (to the day before the anniversary).
 */
export function firstLicence(firstIssuedOn: ChinaDate): DriverLicence {
  return {
    licenceClass: 'C1',
    validFrom: firstIssuedOn,
    validUntil: calendar.addDays(calendar.addYears(firstIssuedOn, FIRST_LICENCE_YEARS), -1),
  };
}
