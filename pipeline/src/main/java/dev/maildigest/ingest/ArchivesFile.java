package dev.maildigest.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import dev.maildigest.config.UserError;

/**
 * Several archives for one process, as a properties file: {@code <name>.source} is required,
 * {@code <name>.list-name} and {@code <name>.url} are optional. Archives are taken in name order.
 * <pre>
 * kvm.source = https://lore.kernel.org/kvm
 * kvm.list-name = KVM
 * kvmarm.source = /srv/mirrors/kvmarm
 * kvmarm.url = https://lore.kernel.org/kvmarm
 * </pre>
 */
public final class ArchivesFile {
    private static final Set<String> KEYS = Set.of("source", "list-name", "url");

    private ArchivesFile() {
    }

    public static List<ArchiveSpec> read(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UserError("cannot read the archives file " + file + ": " + e.getMessage());
        }
        Set<String> names = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || !KEYS.contains(key.substring(dot + 1))) {
                throw new UserError(file + ": unknown key '" + key + "' (expected NAME.source, NAME.list-name or NAME.url)");
            }
            names.add(key.substring(0, dot));
        }
        List<ArchiveSpec> specs = new ArrayList<>();
        for (String name : names) {
            String source = blankToNull(props.getProperty(name + ".source"));
            if (source == null) {
                throw new UserError(file + ": archive '" + name + "' has no " + name + ".source");
            }
            specs.add(new ArchiveSpec(name, source, blankToNull(props.getProperty(name + ".list-name")),
                    blankToNull(props.getProperty(name + ".url"))));
        }
        if (specs.isEmpty()) {
            throw new UserError(file + " lists no archive (expected lines like: kvm.source = https://lore.kernel.org/kvm)");
        }
        return specs;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
