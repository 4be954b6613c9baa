package dev.maildigest.series;

import java.util.Locale;

/** How two versions of a series are told to be one by their titles, in a range and across ranges. */
public final class SeriesTitles {
    private SeriesTitles() {
    }

    /** A clean subject as versions are compared: case, runs of spaces and a final full stop do not matter. */
    public static String comparable(String cleanSubject) {
        String s = cleanSubject.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
