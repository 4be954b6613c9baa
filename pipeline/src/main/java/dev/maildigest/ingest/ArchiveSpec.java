package dev.maildigest.ingest;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

import dev.maildigest.config.UserError;

/**
 * One archive to follow, as the user configured it.
 *
 * @param name       short list name: checkpoint key, transactional id and the {@code list} of every coordinate
 * @param source     a local path (public-inbox v2 or v1 inbox, epoch repository, mbox, Maildir) or an
 *                   {@code http(s)://host/list[/N]} URL
 * @param listName   display name for digests (e.g. KVM), or null to derive it from List-Id
 * @param archiveUrl web address of the archive for links, or null (remote sources default to their URL)
 */
public record ArchiveSpec(String name, String source, String listName, String archiveUrl) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern EPOCH_URL = Pattern.compile("(.*)/(\\d+)(\\.git)?/*");

    public ArchiveSpec {
        if (source == null || source.isBlank()) {
            throw new UserError("an archive needs a source (path or URL)");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserError("bad archive name '" + name + "': use letters, digits, '.', '_' and '-'");
        }
        if (archiveUrl == null && isRemote(source)) {
            archiveUrl = webUrl(source);
        }
    }

    /** An archive named after its source: {@code https://lore.kernel.org/kvm/0} and {@code /srv/kvm/git/0.git} are "kvm". */
    public static ArchiveSpec of(String source, String name, String listName) {
        return new ArchiveSpec(name != null ? name : nameOf(source), source, listName, null);
    }

    public boolean remote() {
        return isRemote(source);
    }

    static boolean isRemote(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** The list's web address: the URL without a trailing epoch number. */
    static String webUrl(String url) {
        String trimmed = url.replaceAll("/+$", "");
        var epoch = EPOCH_URL.matcher(trimmed);
        return epoch.matches() ? epoch.group(1) : trimmed;
    }

    static String nameOf(String source) {
        String name;
        if (isRemote(source)) {
            String path = URI.create(webUrl(source)).getPath();
            name = path.substring(path.lastIndexOf('/') + 1);
        } else {
            Path path = Path.of(source).toAbsolutePath().normalize();
            String last = path.getFileName() == null ? "" : path.getFileName().toString();
            if (last.matches("\\d+\\.git") && path.getParent() != null && path.getParent().getFileName() != null
                    && path.getParent().getFileName().toString().equals("git") && path.getParent().getParent() != null) {
                last = path.getParent().getParent().getFileName().toString(); // <inbox>/git/N.git
            }
            name = last.replaceAll("(\\.git|\\.mbox|\\.mboxrd|\\.mbx|\\.gz)+$", "");
        }
        name = name.replaceAll("[^A-Za-z0-9._-]", "-");
        if (name.isEmpty() || !NAME.matcher(name).matches()) {
            throw new UserError("cannot derive a list name from '" + source + "': give one with --name");
        }
        return name;
    }
}
