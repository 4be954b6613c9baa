package dev.maildigest.parse;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import dev.maildigest.avro.Address;

/**
 * The person a trailer names, read as git reads an ident ("Name <email>", anything after the
 * closing bracket ignored) rather than as an RFC 5322 list: "Zyngier, Marc <maz@kernel.org>" is one
 * person, and "stable@vger.kernel.org # 5.10+" is an address with a remark.
 */
final class Identities {
    private Identities() {
    }

    /** The identity in a trailer value, or null when it names no address. */
    static Address parse(String value) {
        int open = value.indexOf('<');
        if (open >= 0) {
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                return null;
            }
            String email = Addresses.email(value.substring(open + 1, close));
            if (email == null || email.indexOf('@') < 0) {
                return null;
            }
            String name = value.substring(0, open);
            if (name.contains("=?")) {
                name = DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
            }
            return new Address(Addresses.name(name), email);
        }
        // A bare address: the first word with an @, before any remark.
        int hash = value.indexOf('#');
        String text = hash >= 0 ? value.substring(0, hash) : value;
        for (String word : text.split("\\s+")) {
            if (word.indexOf('@') > 0) {
                String email = Addresses.email(strip(word));
                return email == null ? null : new Address(null, email);
            }
        }
        return null;
    }

    private static String strip(String word) {
        int end = word.length();
        while (end > 0 && ",;.()[]\"'".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        int start = 0;
        while (start < end && "([\"'".indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        return word.substring(start, end);
    }
}
