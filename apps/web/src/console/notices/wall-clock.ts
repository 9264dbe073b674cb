import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Times of notices and outages are the project's wall-clock times, whatever the browser's zone: the
 * pickers hold a plain (browser-local) dayjs showing the project zone's reading, turned into the
 * instant it means there on the way out (as the on-duty roster does).
 */
const WALL = 'YYYY-MM-DDTHH:mm:ss';

/** An instant as the project's wall clock reads it, for a picker. */
export const wallClock = (instant: string | Dayjs, timeZone: string): Dayjs => dayjs(dayjs(instant).tz(timeZone).format(WALL));

/** A picker's wall-clock reading as the instant it means in the project's zone. */
export const instantOf = (wall: Dayjs, timeZone: string): string => dayjs.tz(wall.format(WALL), timeZone).toISOString();

/** A picker's value (or none) as an instant. */
export const instantOrNull = (wall: Dayjs | null | undefined, timeZone: string): string | null => (wall ? instantOf(wall, timeZone) : null);

/** Now on the project's wall clock, to the minute. */
export const wallNow = (timeZone: string): Dayjs => wallClock(dayjs(), timeZone).startOf('minute');

/** Today's local date in the project's zone (YYYY-MM-DD). */
export const localToday = (timeZone: string): string => dayjs().tz(timeZone).format('YYYY-MM-DD');
