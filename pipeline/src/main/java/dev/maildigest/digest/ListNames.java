package dev.maildigest.digest;

import java.util.Locale;

/**
 * Display names for lists that have none configured, derived from List-Id as readers call the
 * lists: a one-word list reads as an acronym ({@code kvm.vger.kernel.org} gives KVM,
 * {@code kvmarm.lists.linux.dev} gives KVMARM), a hyphenated one is kept as written
 * ({@code linux-arm-kernel.lists.infradead.org} gives linux-arm-kernel).
 */
public final class ListNames {
    private ListNames() {
    }

    /**
     * @param listId a List-Id header value ({@code Description <id>} or {@code <id>} or the bare
     *               id), or a list address ({@code kvm@vger.kernel.org})
     * @return the display name, or null when nothing usable is given
     */
    public static String displayName(String listId) {
        if (listId == null) {
            return null;
        }
        String id = listId.strip();
        int open = id.lastIndexOf('<');
        int close = id.lastIndexOf('>');
        if (open >= 0 && close > open) {
            id = id.substring(open + 1, close).strip();
        }
        int at = id.indexOf('@');
        int dot = id.indexOf('.');
        int end = at >= 0 ? at : dot >= 0 ? dot : id.length();
        String name = id.substring(0, end).strip();
        if (name.isEmpty()) {
            return null;
        }
        return name.contains("-") || name.contains("_") ? name : name.toUpperCase(Locale.ROOT);
    }
}
