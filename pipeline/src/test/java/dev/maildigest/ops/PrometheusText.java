package dev.maildigest.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tests only: reads one sample out of Prometheus text, as a scraper would. */
final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The value of the sample {@code name{labels...}} whose label set contains {@code label}
     * (e.g. {@code list="kvm"}; empty: any); NaN when there is none.
     */
    static double value(String text, String name, String label) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = sample.matcher(text);
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (label.isEmpty() || labels.contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }
}
