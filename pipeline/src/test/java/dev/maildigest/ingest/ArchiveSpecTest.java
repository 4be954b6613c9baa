package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.UserError;

class ArchiveSpecTest {

    @TempDir
    Path dir;

    @Test
    void namesAndWebAddressesComeFromTheSource() {
        ArchiveSpec lore = ArchiveSpec.of("https://lore.kernel.org/kvm", null, "KVM");
        assertEquals("kvm", lore.name());
        assertEquals("KVM", lore.listName());
        assertEquals("https://lore.kernel.org/kvm", lore.archiveUrl());
        ArchiveSpec epoch = ArchiveSpec.of("https://lore.kernel.org/kvm/1/", null, null);
        assertEquals("kvm", epoch.name());
        assertEquals("https://lore.kernel.org/kvm", epoch.archiveUrl());
        assertEquals("kvmarm", ArchiveSpec.of("/tmp/mirrors/kvmarm/git/0.git", null, null).name());
        assertEquals("kvmarm", ArchiveSpec.of("/tmp/mirrors/kvmarm", null, null).name());
        assertEquals("netdev", ArchiveSpec.of("/tmp/netdev.mbox.gz", null, null).name());
        assertNull(ArchiveSpec.of("/tmp/netdev.mbox.gz", null, null).archiveUrl());
        assertEquals("mine", ArchiveSpec.of("/tmp/netdev.mbox", "mine", null).name());
    }

    @Test
    void badNameIsAUserError() {
        assertThrows(UserError.class, () -> ArchiveSpec.of("/tmp/x", "no spaces", null));
    }

    @Test
    void archivesFileListsArchivesByName() throws IOException {
        Path file = dir.resolve("archives.properties");
        Files.writeString(file, """
                # two lists
                kvm.source = https://lore.kernel.org/kvm
                kvm.list-name = KVM
                arm.source = /srv/arm
                arm.url = https://lore.kernel.org/linux-arm-kernel
                """);
        List<ArchiveSpec> specs = ArchivesFile.read(file);
        assertEquals(List.of(
                new ArchiveSpec("arm", "/srv/arm", null, "https://lore.kernel.org/linux-arm-kernel"),
                new ArchiveSpec("kvm", "https://lore.kernel.org/kvm", "KVM", "https://lore.kernel.org/kvm")), specs);
    }

    @Test
    void archivesFileMistakesAreNamed() throws IOException {
        Path file = dir.resolve("archives.properties");
        Files.writeString(file, "kvm.sauce = https://lore.kernel.org/kvm\n");
        UserError typo = assertThrows(UserError.class, () -> ArchivesFile.read(file));
        assertTrue(typo.getMessage().contains("kvm.sauce"), typo.getMessage());
        Files.writeString(file, "kvm.list-name = KVM\n");
        UserError missing = assertThrows(UserError.class, () -> ArchivesFile.read(file));
        assertTrue(missing.getMessage().contains("kvm.source"), missing.getMessage());
    }
}
