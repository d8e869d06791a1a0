// Dates and times in the dictionary's locale (vi-VN by default: "08:30 23/11/2026").

export function formatDateTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** Vietnam's offset from UTC (no daylight saving): a body's dates are its days in Hà Nội. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** An instant as the day it is in Vietnam, for <input type="date"> ("2025-10-15"). */
export function vietnamDay(iso: string | null): string {
  return iso ? new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10) : '';
}

/** A day from <input type="date"> as its first instant in Vietnam; '' is none. */
export function vietnamDayStart(day: string): string | null {
  return day ? `${day}T00:00:00+07:00` : null;
}

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
}
