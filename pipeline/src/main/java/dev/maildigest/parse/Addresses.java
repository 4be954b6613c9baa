package dev.maildigest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.ContentUtil;

import dev.maildigest.avro.Address;

/**
 * RFC 5322 address lists (From, To, Cc, the in-body From) read with mime4j's lenient parser:
 * quoted names, commas in names, RFC 2047 names, bare addresses, groups (flattened to their members).
 * Emails are lower-cased: they are the identity a digest counts.
 */
final class Addresses {
    /** A Cc list of thousands is an attack, not a mail: the rest is dropped. */
    static final int MAX_ADDRESSES = 1000;

    private Addresses() {
    }

    static List<Address> list(String value, Problems problems) {
        List<Address> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (org.apache.james.mime4j.dom.address.Address a : parse(value)) {
            if (a instanceof Mailbox mailbox) {
                add(out, mailbox, problems);
            } else if (a instanceof Group group) {
                for (Mailbox mailbox : group.getMailboxes()) {
                    add(out, mailbox, problems);
                }
            }
            if (out.size() >= MAX_ADDRESSES) {
                problems.add("more than " + MAX_ADDRESSES + " recipients, the rest dropped");
                break;
            }
        }
        return out;
    }

    /** The first address of the value, or null when it has none. */
    static Address first(String value, Problems problems) {
        List<Address> all = list(value, problems);
        return all.isEmpty() ? null : all.get(0);
    }

    private static AddressList parse(String value) {
        // parseAddressList(CharSequence) sizes its cursor in chars but parses UTF-8 bytes, which cuts
        // the end off values with non-ASCII names; size it in bytes.
        ByteSequence bytes = ContentUtil.encode(value);
        return LenientAddressParser.DEFAULT.parseAddressList(bytes, new ParserCursor(0, bytes.length()));
    }

    private static void add(List<Address> out, Mailbox mailbox, Problems problems) {
        String email = email(mailbox.getAddress());
        if (email == null) {
            problems.add("unreadable address skipped");
            return;
        }
        out.add(new Address(name(mailbox.getName()), email));
    }

    /** The address lower-cased; null when it cannot be one (empty, spaces). */
    static String email(String address) {
        if (address == null) {
            return null;
        }
        String email = address.strip();
        if (email.isEmpty() || email.length() > 320) {
            return null;
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == ',') {
                return null;
            }
        }
        return email.toLowerCase(Locale.ROOT);
    }

    /** A display name as people read it: quotes removed, whitespace collapsed; null when empty. */
    static String name(String raw) {
        if (raw == null) {
            return null;
        }
        String name = MailHeaders.collapseWhitespace(raw);
        if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '\'') && name.charAt(name.length() - 1) == name.charAt(0)) {
            name = name.substring(1, name.length() - 1).strip();
        }
        return name.isEmpty() ? null : name;
    }
}
