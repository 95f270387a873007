/**
 * The region's calendar: register years and months, and the days delegations run, are days in
 * Western Indonesian Time (WIB, UTC+7), where most regions and the ministry keep their offices; a
 * number assigned at 06:00 WIB on 1 January belongs to the new year although UTC is still in the old.
 */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The WIB calendar date (YYYY-MM-DD) of a moment. */
export const regionDay = (at: string | Date): string =>
  new Date(new Date(at).getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
