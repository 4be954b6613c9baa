package dev.maildigest.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Lenient RFC 5322 dates: optional weekday, day and month in either order, two- or four-digit
 * years, optional seconds, numeric or obsolete zones (UT, GMT, EST... and military letters),
 * comments. A date that cannot be read is absent, never an exception.
 *
 * <p>Hand-written because mime4j's JavaCC date parser costs about 13 µs a call, a fifth of the
 * whole per-message budget, and its lenient variant rejects obsolete zones.
 */
final class MailDates {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private MailDates() {
    }

    /** The instant, or null when the value is missing or not a date. */
    static Instant parse(String value, Problems problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Reading r = new Reading();
        String text = withoutComments(value);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',' || c == '\t') {
                i++;
                continue;
            }
            int end = i;
            while (end < n && text.charAt(end) != ' ' && text.charAt(end) != ',' && text.charAt(end) != '\t') {
                end++;
            }
            if (!r.token(text.substring(i, end))) {
                problems.add("unreadable Date: " + TextDecoder.printable(value));
                return null;
            }
            i = end;
        }
        if (r.day < 0 || r.month < 0 || r.year < 0 || r.hour < 0) {
            problems.add("unreadable Date: " + TextDecoder.printable(value));
            return null;
        }
        if (!r.zoneKnown) {
            problems.add("Date without a known time zone, read as UTC");
        }
        try {
            LocalDateTime local = LocalDateTime.of(r.year, r.month + 1, r.day, r.hour, r.minute, Math.min(r.second, 59));
            return local.toInstant(ZoneOffset.ofTotalSeconds(r.offsetMinutes * 60));
        } catch (DateTimeException e) {
            problems.add("invalid Date: " + TextDecoder.printable(value));
            return null;
        }
    }

    private static String withoutComments(String value) {
        if (value.indexOf('(') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
                sb.append(' ');
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The parts found so far; -1 while missing. */
    private static final class Reading {
        int day = -1;
        int month = -1;
        int year = -1;
        int hour = -1;
        int minute;
        int second;
        int offsetMinutes;
        boolean zoneKnown;

        /** Takes one token; false when it cannot be part of a date. */
        boolean token(String t) {
            char c = t.charAt(0);
            if ((c == '+' || c == '-') && t.length() >= 3 && isDigits(t, 1, t.length())) {
                return zone(t);
            }
            if (t.indexOf(':') > 0) {
                return time(t);
            }
            if (isDigits(t, 0, t.length())) {
                return number(t);
            }
            if (Character.isLetter(c)) {
                return word(t.toLowerCase(Locale.ROOT));
            }
            // Stray punctuation such as a trailing "." or "-" (date-only 1-Jan-2020 is not mail).
            return t.length() == 1;
        }

        private boolean number(String t) {
            if (t.length() > 4) {
                return false;
            }
            int v = Integer.parseInt(t);
            if (t.length() >= 3 || (day >= 0 && year < 0 && month >= 0)) {
                if (year >= 0) {
                    return false;
                }
                year = t.length() == 4 ? v : t.length() == 3 ? 1900 + v : (v < 50 ? 2000 + v : 1900 + v);
                return true;
            }
            if (day < 0) {
                day = v;
                return true;
            }
            return false;
        }

        private boolean time(String t) {
            if (hour >= 0) {
                return false;
            }
            String[] parts = t.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 2 || !isDigits(p, 0, p.length())) {
                    return false;
                }
            }
            hour = Integer.parseInt(parts[0]);
            minute = Integer.parseInt(parts[1]);
            second = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
            return hour < 24 && minute < 60 && second <= 60;
        }

        private boolean zone(String t) {
            String digits = t.substring(1).replace(":", "");
            if (digits.length() != 4 || zoneKnown) {
                return false;
            }
            int hh = Integer.parseInt(digits.substring(0, 2));
            int mm = Integer.parseInt(digits.substring(2));
            if (hh > 18 || mm > 59) {
                return false;
            }
            offsetMinutes = (t.charAt(0) == '-' ? -1 : 1) * (hh * 60 + mm);
            zoneKnown = true;
            return true;
        }

        private boolean word(String w) {
            for (int m = 0; m < MONTHS.length; m++) {
                if (w.startsWith(MONTHS[m]) && month < 0) {
                    month = m;
                    return true;
                }
            }
            for (String d : DAYS) {
                if (w.startsWith(d)) {
                    return true;
                }
            }
            if (hour < 0 || zoneKnown) {
                return false;
            }
            Integer obsolete = obsoleteZone(w);
            if (obsolete != null) {
                offsetMinutes = obsolete;
                zoneKnown = true;
            }
            // An unknown zone name (CEST, MSK...) leaves the date in UTC; the caller notes it.
            return true;
        }

        private static Integer obsoleteZone(String w) {
            return switch (w) {
                case "ut", "utc", "gmt", "z" -> 0;
                case "edt" -> -4 * 60;
                case "est", "cdt" -> -5 * 60;
                case "cst", "mdt" -> -6 * 60;
                case "mst", "pdt" -> -7 * 60;
                case "pst" -> -8 * 60;
                // RFC 5322 4.3: military zones were defined wrongly; read them as -0000.
                default -> w.length() == 1 && w.charAt(0) >= 'a' && w.charAt(0) <= 'z' && w.charAt(0) != 'j' ? 0 : null;
            };
        }

        private static boolean isDigits(String t, int from, int to) {
            if (from >= to) {
                return false;
            }
            for (int i = from; i < to; i++) {
                char c = t.charAt(i);
                if ((c < '0' || c > '9') && c != ':') {
                    return false;
                }
            }
            return true;
        }
    }
}
