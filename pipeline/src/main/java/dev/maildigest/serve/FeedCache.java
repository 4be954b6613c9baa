package dev.maildigest.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last feed rendered for each list, while the list has no new digest. A feed carries the
 * HTML of 20 digests (about 700 KB for a busy kernel list), so rendering it costs hundreds of
 * milliseconds; feed readers poll the same feed again and again. Bounded: the least recently
 * asked list goes first.
 */
final class FeedCache {
    static final int LISTS = 32;

    private record Entry(long version, Page page) {
    }

    private final Map<String, Entry> byList = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > LISTS;
        }
    };

    /** The feed of {@code list} at {@code version}, rendered only when not already kept. */
    Page get(String list, long version, Supplier<Page> render) {
        synchronized (byList) {
            Entry kept = byList.get(list);
            if (kept != null && kept.version() == version) {
                return kept.page();
            }
        }
        Page page = render.get();
        synchronized (byList) {
            byList.put(list, new Entry(version, page));
        }
        return page;
    }
}
