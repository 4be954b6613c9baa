package dev.maildigest.parse;

import java.util.List;

import dev.maildigest.avro.Address;

/**
 * Lists that relay mail from domains with a strict DMARC policy rewrite its From to the list's own
 * address, "Jane Doe via Some-List &lt;some-list@lists.example&gt;", and keep the person in
 * X-Original-From or Reply-To. The digest credits the person.
 */
final class DmarcSender {
    private static final String VIA = " via ";

    private DmarcSender() {
    }

    /** The person behind a rewritten From; null when the From was not rewritten or names nobody else. */
    static Address restore(Address from, MailHeaders headers, Problems problems) {
        int via = from == null || from.getName() == null ? -1 : via(from.getName());
        if (via < 0) {
            return null;
        }
        Address original = single(headers.originalFrom, problems);
        if (original == null) {
            original = single(headers.replyTo, problems);
        }
        if (original == null || original.getEmail().equals(from.getEmail())) {
            return null;
        }
        if (original.getName() == null) {
            original.setName(Addresses.name(from.getName().substring(0, via)));
        }
        return original;
    }

    /** Where " via " is in the name, in any case; -1 when it is not. */
    private static int via(String name) {
        for (int i = name.indexOf(' '); i >= 0; i = name.indexOf(' ', i + 1)) {
            if (name.regionMatches(true, i, VIA, 0, VIA.length())) {
                return i;
            }
        }
        return -1;
    }

    /** The address of a header that names exactly one personal address (a Reply-To may name the list too). */
    private static Address single(String value, Problems problems) {
        if (value == null) {
            return null;
        }
        List<Address> all = Addresses.list(value, problems);
        return all.size() == 1 && Addresses.isPersonal(all.get(0).getEmail()) ? all.get(0) : null;
    }
}
