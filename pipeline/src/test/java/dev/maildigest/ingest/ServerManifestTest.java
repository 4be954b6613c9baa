package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerManifestTest {

    @Test
    void aServerRootIsAnHttpUrlWithoutAPath() {
        assertTrue(ServerManifest.isServerRoot("https://lore.kernel.org/"));
        assertTrue(ServerManifest.isServerRoot("https://lore.kernel.org"));
        assertTrue(ServerManifest.isServerRoot("http://127.0.0.1:8080/"));
        assertFalse(ServerManifest.isServerRoot("https://lore.kernel.org/kvm"), "an inbox");
        assertFalse(ServerManifest.isServerRoot("https://lore.kernel.org/kvm/0"), "an epoch");
        assertFalse(ServerManifest.isServerRoot("/srv/inbox/"), "a folder");
    }
}
