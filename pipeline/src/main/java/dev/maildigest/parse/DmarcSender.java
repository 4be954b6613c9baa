package dev.maildigest.parse;

import java.util.List;
import java.util.Locale;

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
        if (from == null || from.getName() == null || !from.getName().toLowerCase(Locale.ROOT).contains(VIA)) {
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
            String name = from.getName();
            original.setName(Addresses.name(name.substring(0, name.toLowerCase(Locale.ROOT).indexOf(VIA))));
        }
        return original;
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
