package dev.maildigest.parse;

/** Where a reply's own words end when the original follows without {@code >} marks. */
final class ReplyText {
    private ReplyText() {
    }

    /**
     * Whether line {@code i} starts the original quoted under a reply: "-----Original Message-----",
     * or Outlook's "From: ..." header block. A From: line at the very top attributes the quote below
     * it; only after the reply's own words ({@code ownText}) does it start the original.
     */
    static boolean endsOwnText(BodyLines lines, int i, boolean ownText) {
        char c = lines.first(i);
        return c == '-' && lines.startsWith(i, "-----Original Message-----") || c == 'F' && ownText && lines.startsWith(i, "From: ");
    }
}
