const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path or header value is shaped like a record id (anything else is answered as "not found"). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
