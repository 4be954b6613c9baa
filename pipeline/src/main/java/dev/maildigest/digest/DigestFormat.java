package dev.maildigest.digest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.maildigest.avro.Digest;
import dev.maildigest.config.UserError;

/** The document formats a digest is rendered to, with their file extension. */
public enum DigestFormat {
    TEXT("txt", "text", new TextRenderer()),
    MARKDOWN("md", "md", new MarkdownRenderer()),
    HTML("html", "html", new HtmlRenderer()),
    JSON("json", "json", new JsonRenderer());

    private final String extension;
    private final String flag;
    private final DigestRenderer renderer;

    DigestFormat(String extension, String flag, DigestRenderer renderer) {
        this.extension = extension;
        this.flag = flag;
        this.renderer = renderer;
    }

    public String extension() {
        return extension;
    }

    public DigestRenderer renderer() {
        return renderer;
    }

    public String render(Digest digest) {
        return renderer.render(digest);
    }

    /**
     * {@code <list>-<sequence>-<first8>-<last8>.<ext>}, the sequence (the range's place in its
     * archive) zero-padded to six digits so that {@code ls} lists a list's digests in archive order;
     * {@code <list>-<first8>-<last8>.<ext>} for a range the ingester did not number (ingested before
     * ranges were numbered). Characters unsafe in file names become '_'.
     */
    public String fileName(Digest digest) {
        long sequence = digest.getRange().getSequence();
        String place = sequence > 0 ? padded(sequence) + "-" : "";
        return safe(digest.getList()) + "-" + place + safe(digest.getFirstShort()) + "-" + safe(digest.getLastShort())
                + "." + extension;
    }

    private static String padded(long sequence) {
        String digits = Long.toString(sequence);
        return "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }

    /** Reads a format as users type it: text, txt, md, markdown, html, json (any case). */
    public static DigestFormat parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DigestFormat f : values()) {
            if (n.equals(f.flag) || n.equals(f.extension) || n.equals(f.name().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UserError("unknown digest format '" + name + "': use one of " + flags());
    }

    /** The names users type, for help texts: text, md, html, json. */
    public static String flags() {
        return Arrays.stream(values()).map(f -> f.flag).collect(Collectors.joining(", "));
    }
}
