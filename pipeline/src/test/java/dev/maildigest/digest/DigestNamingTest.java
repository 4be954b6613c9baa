package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Digest;
import dev.maildigest.config.UserError;

/** Names users see: list display names, file names, format flags, archive links. */
class DigestNamingTest {

    @Test
    void displayNamesFromListId() {
        assertEquals("KVM", ListNames.displayName("kvm.vger.kernel.org"));
        assertEquals("KVM", ListNames.displayName("KVM list <kvm.vger.kernel.org>"));
        assertEquals("KVMARM", ListNames.displayName("<kvmarm.lists.linux.dev>"));
        assertEquals("linux-arm-kernel", ListNames.displayName("linux-arm-kernel.lists.infradead.org"));
        assertEquals("NETDEV", ListNames.displayName("netdev@vger.kernel.org"));
        assertEquals("BPF", ListNames.displayName("bpf"));
        assertNull(ListNames.displayName("  "));
        assertNull(ListNames.displayName(null));
    }

    @Test
    void fileNamesCarryListAndRange() {
        Digest d = SampleDigests.gears();
        assertEquals("gears-3f9c2a71-b04e6d18.txt", DigestFormat.TEXT.fileName(d));
        assertEquals("gears-3f9c2a71-b04e6d18.md", DigestFormat.MARKDOWN.fileName(d));
        assertEquals("gears-3f9c2a71-b04e6d18.html", DigestFormat.HTML.fileName(d));
        assertEquals("gears-3f9c2a71-b04e6d18.json", DigestFormat.JSON.fileName(d));
        Digest odd = Digest.newBuilder(d).setList("../etc/passwd").build();
        assertEquals("_._etc_passwd-3f9c2a71-b04e6d18.txt", DigestFormat.TEXT.fileName(odd), "never leaves the folder");
    }

    @Test
    void numberedRangesAreNamedSoThatLsListsThemInArchiveOrder() {
        Digest d = SampleDigests.gears();
        List<String> names = new ArrayList<>();
        for (long sequence : List.of(10L, 9L, 100L, 1L)) {
            Digest numbered = Digest.newBuilder(d).setRange(CommitRange.newBuilder(d.getRange()).setSequence(sequence).build()).build();
            names.add(DigestFormat.TEXT.fileName(numbered));
        }
        assertEquals("gears-000010-3f9c2a71-b04e6d18.txt", names.get(0));
        assertEquals(List.of("gears-000001-3f9c2a71-b04e6d18.txt", "gears-000009-3f9c2a71-b04e6d18.txt",
                "gears-000010-3f9c2a71-b04e6d18.txt", "gears-000100-3f9c2a71-b04e6d18.txt"), names.stream().sorted().toList());
    }

    @Test
    void formatsAsUsersTypeThem() {
        assertEquals(DigestFormat.TEXT, DigestFormat.parse("text"));
        assertEquals(DigestFormat.TEXT, DigestFormat.parse("txt"));
        assertEquals(DigestFormat.MARKDOWN, DigestFormat.parse("md"));
        assertEquals(DigestFormat.MARKDOWN, DigestFormat.parse("Markdown"));
        assertEquals(DigestFormat.HTML, DigestFormat.parse("HTML"));
        assertEquals(DigestFormat.JSON, DigestFormat.parse("json"));
        UserError e = assertThrows(UserError.class, () -> DigestFormat.parse("pdf"));
        assertEquals("unknown digest format 'pdf': use one of text, md, html, json", e.getMessage());
    }

    @Test
    void archiveLinksAsLoreServesThem() {
        assertEquals("https://lore.kernel.org/kvm/20250423.1-1-maz@kernel.org/",
                ArchiveLinks.messageUrl("https://lore.kernel.org/kvm/", "<20250423.1-1-maz@kernel.org>"));
        assertEquals("https://lore.kernel.org/kvm/a%2Fb%20c%28d%29+e@x/",
                ArchiveLinks.messageUrl("https://lore.kernel.org/kvm", "a/b c(d)+e@x"));
        assertEquals("https://lore.kernel.org/kvm/%C3%A9t%C3%A9@x/",
                ArchiveLinks.messageUrl("https://lore.kernel.org/kvm", "été@x"));
        assertNull(ArchiveLinks.messageUrl(null, "a@b"));
        assertNull(ArchiveLinks.messageUrl("https://lore.kernel.org/kvm", null));
        assertNull(ArchiveLinks.messageUrl("/srv/archives/kvm", "a@b"), "a local archive has no web pages");
    }
}
