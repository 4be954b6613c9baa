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

    /**
     * The one person of a From value, with a name comment kept as written: "Jane Doe (ACME)
     * &lt;jane@acme.example&gt;" is Jane Doe (ACME), and "jane@acme.example (Jane Doe)" is Jane Doe.
     * RFC 5322 drops comments; people read them as part of the name.
     */
    static Address person(String value, Problems problems) {
        Address first = first(value, problems);
        if (first == null || value.indexOf('(') < 0) {
            return first;
        }
        int open = value.indexOf('<');
        if (open > 0) {
            String shown = value.substring(0, open);
            if (shown.indexOf('(') >= 0 && shown.indexOf('"') < 0) {
                first.setName(name(MailHeaders.text(shown)));
            }
        } else if (open < 0 && first.getName() == null) {
            int paren = value.indexOf('(');
            int close = value.lastIndexOf(')');
            if (close > paren) {
                first.setName(name(MailHeaders.text(value.substring(paren + 1, close))));
            }
        }
        return first;
    }

    /**
     * Whether an address can be someone's: one {@code @}, something before it, and a domain of
     * dot-separated labels of letters, digits and dashes with a top-level label that is not a
     * number ("jane@localhost", "jane" and "jane@10.0.0.1" name nobody a digest can count).
     */
    static boolean isPersonal(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || email.indexOf('@') != at || at == email.length() - 1) {
            return false;
        }
        int labels = 0;
        boolean letterInLast = false;
        int labelStart = at + 1;
        for (int i = at + 1; i <= email.length(); i++) {
            char c = i == email.length() ? '.' : email.charAt(i);
            if (c == '.') {
                if (i == labelStart || email.charAt(labelStart) == '-' || email.charAt(i - 1) == '-' || i - labelStart > 63) {
                    return false;
                }
                labels++;
                letterInLast = false;
                for (int j = labelStart; j < i && !letterInLast; j++) {
                    letterInLast = Character.isLetter(email.charAt(j));
                }
                labelStart = i + 1;
            } else if (!(Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return labels >= 2 && letterInLast;
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
        int junk = email.indexOf('<');
        if (junk > 0) {
            // HTML mail's "a@b.example<mailto:a@b.example>": the address is before the link
            email = email.substring(0, junk);
        }
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
