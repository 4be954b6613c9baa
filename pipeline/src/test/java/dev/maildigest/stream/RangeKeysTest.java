package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class RangeKeysTest {

    @Test
    void messageKeysSortInArchiveOrder() {
        List<String> keys = new ArrayList<>();
        for (int index : new int[] {0, 7, 9, 10, 99, 100, 12345, 999_999_999}) {
            keys.add(RangeKeys.message("kvm aaa..bbb", index));
        }
        List<String> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        assertEquals(keys, sorted);
        assertEquals("kvm aaa..bbb/000000007", keys.get(1));
        assertEquals("kvm aaa..bbb/999999999", keys.get(7));
    }
}
