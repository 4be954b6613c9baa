package dev.maildigest.process;

/** Exceptions told as the one line a user reads: the messages of the cause chain, outermost first. */
public final class Failures {
    private Failures() {
    }

    /** "StreamsException: ... caused by: ..." squeezed onto one line, repeated messages left out. */
    public static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        String last = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (last != null && last.contains(message)) {
                continue;
            }
            line.append(line.length() == 0 ? "" : ": ").append(message);
            last = message;
        }
        return line.toString().replaceAll("\\s+", " ");
    }
}
