package dev.maildigest.digest;

/** Display names of lists. */
public final class ListNames {
    private ListNames() {
    }

    /** {@code kvm.vger.kernel.org} → {@code KVM}. */
    public static String displayName(String listId) {
        if (listId == null || listId.isBlank()) {
            return null;
        }
        String local = listId.split("\\.", 2)[0];
        return local.toUpperCase(java.util.Locale.ROOT);
    }
}
