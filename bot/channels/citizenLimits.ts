/** The longest text a citizen may send on any channel; longer gets a clear reply and no turn. */
export const MAX_CITIZEN_TEXT_CHARS = 1000;
