package dev.maildigest.digest;

import java.time.Instant;
import java.util.List;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.AppliedNotice;
import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.DiffTotals;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.DomainCount;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.PullRequest;
import dev.maildigest.avro.ReviewActivity;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SeriesActivity;
import dev.maildigest.avro.SeriesApplied;
import dev.maildigest.avro.SeriesLink;
import dev.maildigest.avro.SeriesStatus;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.avro.ThreadActivity;
import dev.maildigest.avro.Trailer;

/** Digest records for renderer tests, built by hand. */
public final class SampleDigests {
    static final Address ADA = address("Ada Lindqvist", "ada@lindqvist.example");
    static final Address BO = address("Bo Okafor", "bo@okafor.example");
    static final Address CHEN = address("Chen Wu", "chen.wu@gearworks.example");
    static final Address DANA = address("Dana Ruiz", "dana@ruiz.example");
    static final Address EVE = address("Eve Marsh", "eve@marsh.example");
    static final Address FAY = address(null, "fay@iyer.example");

    private SampleDigests() {
    }

    static Address address(String name, String email) {
        return Address.newBuilder().setName(name).setEmail(email).build();
    }

    public static Digest.Builder base(String first, String last) {
        return Digest.newBuilder()
                .setList("gears")
                .setListName("Gears")
                .setArchive("https://lists.example.org/gears/0")
                .setArchiveUrl("https://lists.example.org/gears")
                .setRange(CommitRange.newBuilder().setFirst(first).setLast(last).setSize(14).setCommits(15).build())
                .setFirstShort(first.substring(0, 8))
                .setLastShort(last.substring(0, 8))
                .setMessages(14);
    }

    /**
     * The acceptance data: the authors of the reference digest's 54 messages, with their counts,
     * domains and order as that digest shows them.
     */
    public static Digest referenceAuthors() {
        return Digest.newBuilder(base("26b723fc51e0d3b6a4c3c9e2f0a7d1b8e5c4f3a2", "98cb905c0d3e2f1a4b5c6d7e8f9a0b1c2d3e4f5a").build())
                .setList("kvm")
                .setListName(ListNames.displayName("kvm.vger.kernel.org"))
                .setArchive("https://lore.kernel.org/kvm/0")
                .setArchiveUrl("https://lore.kernel.org/kvm")
                .setMessages(54)
                .setTopDomains(List.of(
                        domain("kernel.org", 19), domain("lst.de", 12), domain("nvidia.com", 11),
                        domain("google.com", 9), domain("fomichev.me", 1), domain("baidu.com", 1),
                        domain("arndb.de", 1)))
                .setTopContributors(List.of(
                        contributor("Marc Zyngier", "maz@kernel.org", 18),
                        contributor("Christoph Hellwig", "hch@lst.de", 12),
                        contributor("Leon Romanovsky", "leonro@nvidia.com", 11),
                        contributor("Mina Almasry", "almasrymina@google.com", 9),
                        contributor("Stanislav Fomichev", "sdf@fomichev.me", 1),
                        contributor("Li RongQing", "lirongqing@baidu.com", 1),
                        contributor("Leon Romanovsky", "leon@kernel.org", 1),
                        contributor("Arnd Bergmann", "arnd@arndb.de", 1)))
                .build();
    }

    /** A range of an invented list, in the project's own words, with every section filled. */
    public static Digest gears() {
        PatchEntry cover = patch(MailKind.COVER_LETTER,
                "[PATCH v2 0/3] sprocket: count teeth before meshing gears",
                "sprocket: count teeth before meshing gears", ADA, "cover.1764230400.git.ada@lindqvist.example",
                tags(2, 0, 3), true, """
                        Gears that mesh with a worn sprocket slip under load. This series makes
                        the driver count the teeth of each sprocket when it is attached, refuses
                        to mesh gears whose tooth counts do not divide evenly, and reports the
                        counts in sysfs.

                        Changes since v1:
                         - count teeth once at attach time instead of on every mesh (Bo)
                         - new patch 3/3 documenting the sysfs file

                        Ada Lindqvist (3):
                          sprocket: add a tooth counter
                          sprocket: refuse to mesh gears with uneven ratios
                          docs: sprocket: describe the teeth attribute
                        """, null, """
                         Documentation/sprocket.rst |  9 +++++++++
                         drivers/sprocket/core.c    | 41 ++++++++++++++++++++++++++++++++++++-----
                         drivers/sprocket/sysfs.c   | 12 ++++++++++++
                         3 files changed, 57 insertions(+), 5 deletions(-)
                        """, new DiffTotals(3, 57, 5, 0, 0, 0));
        PatchEntry first = patch(MailKind.PATCH,
                "[PATCH v2 1/3] sprocket: add a tooth counter", "sprocket: add a tooth counter", ADA,
                "20261127051200.4410-2-ada@lindqvist.example", tags(2, 1, 3), true, """
                        Worn sprockets lose teeth, and the driver has no way to tell. Count the
                        teeth when a sprocket is attached and keep the count in struct sprocket,
                        so that later patches can check gear ratios against it.

                        Signed-off-by: Ada Lindqvist <ada@lindqvist.example>
                        Reviewed-by: Bo Okafor <bo@okafor.example>
                        """, "v2: count once at attach time, not on every mesh\n", """
                         drivers/sprocket/core.c  | 23 +++++++++++++++++++++--
                         include/linux/sprocket.h |  1 +
                         2 files changed, 22 insertions(+), 2 deletions(-)
                        """, new DiffTotals(2, 22, 2, 0, 0, 0));
        PatchEntry second = patch(MailKind.PATCH,
                "[PATCH v2 2/3] sprocket: refuse to mesh gears with uneven ratios",
                "sprocket: refuse to mesh gears with uneven ratios", ADA,
                "20261127051200.4410-3-ada@lindqvist.example", tags(2, 2, 3), false,
                "Check the tooth counts before meshing.\n", null, null, new DiffTotals(1, 18, 3, 0, 0, 0));
        PatchEntry single = patch(MailKind.PATCH,
                "[PATCH] gearbox: fix an off-by-one in the ratio table",
                "gearbox: fix an off-by-one in the ratio table", CHEN,
                "20261126210400.991-1-bo@okafor.example", tags(null, null, null), true, """

                        The ratio table has eight entries but the lookup loop stops at seven,
                        so the top gear was never selected. Walk the whole table.

                        Fixes: 1a2b3c4d5e6f ("gearbox: add a ratio table")
                        Signed-off-by: Chen Wu <chen.wu@gearworks.example>
                        Signed-off-by: Bo Okafor <bo@okafor.example>
                        """, null, """
                         drivers/gearbox/ratio.c | 2 +-
                         1 file changed, 1 insertion(+), 1 deletion(-)
                        """, new DiffTotals(1, 1, 1, 0, 0, 0));
        single.setSender(BO);
        single.setTrailers(List.of(
                new Trailer("Fixes", "1a2b3c4d5e6f (\"gearbox: add a ratio table\")", null),
                new Trailer("Signed-off-by", "Chen Wu <chen.wu@gearworks.example>", CHEN),
                new Trailer("Signed-off-by", "Bo Okafor <bo@okafor.example>", BO)));
        // A subject folded over two lines in the mail, and longer than any line: shown whole.
        PatchEntry folded = patch(MailKind.PATCH,
                "[RFC PATCH net-next 2/5] cogs: let userspace choose the lubricant used for each\n cog through a new netlink attribute",
                "cogs: let userspace choose the lubricant used for each\n cog through a new netlink attribute", DANA,
                "20261127064800.3120-3-dana@ruiz.example", tags(null, 2, 5), true, """
                        Different cogs want different oils. Add COGS_ATTR_LUBRICANT so that a
                        daemon can set it per cog instead of relying on the factory default.

                        Signed-off-by: Dana Ruiz <dana@ruiz.example>
                        """, "Sent as RFC: the attribute name is open for discussion.\n", """
                         net/cogs/netlink.c | 14 ++++++++++++++
                         1 file changed, 14 insertions(+)
                        """, new DiffTotals(1, 14, 0, 0, 0, 0));
        return base("3f9c2a71d0b84e5f9a6c1b2d3e4f5a6b7c8d9e0f", "b04e6d18a2c3f4e5d6b7a8c9d0e1f2a3b4c5d6e7")
                .setParseFailures(1)
                .setDateFrom(Instant.parse("2026-11-26T21:04:00Z"))
                .setDateTo(Instant.parse("2026-11-27T06:48:00Z"))
                .setTopDomains(List.of(domain("lindqvist.example", 5), domain("okafor.example", 4),
                        domain("gearworks.example", 2), domain("iyer.example", 1), domain("marsh.example", 1)))
                .setTopContributors(List.of(new Contributor(ADA, 5), new Contributor(BO, 4), new Contributor(CHEN, 2),
                        new Contributor(FAY, 1), new Contributor(EVE, 1)))
                .setSeries(List.of(
                        series("sprocket: count teeth before meshing gears", ADA, 2, 3, 3, true, List.of(),
                                "cover.1764230400.git.ada@lindqvist.example"),
                        series("gearbox: fix an off-by-one in the ratio table", CHEN, 1, 1, 1, false, List.of(),
                                "20261126210400.991-1-bo@okafor.example"),
                        series("cogs: let userspace choose the lubricant used for each cog through a new netlink attribute",
                                DANA, 1, 5, 1, false, List.of("RFC", "net-next"), "20261127064800.3120-3-dana@ruiz.example",
                                1)))
                .setPatches(List.of(single, cover, first, second, folded))
                .setPullRequests(List.of(PullRequest.newBuilder().setSubject("[GIT PULL] sprocket fixes for 2.7-rc3")
                        .setAuthor(EVE).setMessageId("pull-2.7-rc3@marsh.example").build()))
                .setReviews(List.of(
                        ReviewActivity.newBuilder().setPerson(BO).setReviewedBy(3).setAckedBy(1).build(),
                        ReviewActivity.newBuilder().setPerson(FAY).setTestedBy(2).build()))
                .setThreads(List.of(
                        new ThreadActivity("sprocket: count teeth before meshing gears", "cover.1764230400.git.ada@lindqvist.example", 6),
                        new ThreadActivity("gearbox: fix an off-by-one in the ratio table", "20261126210400.991-1-bo@okafor.example", 2)))
                .setSeriesActivity(seriesActivity())
                .build();
    }

    /** The list's series state speaking: a new version, reviews of an older series, one applied. */
    static List<SeriesActivity> seriesActivity() {
        SeriesActivity sprocket = SeriesActivity.newBuilder()
                .setVersionId("cover.1764230400.git.ada@lindqvist.example")
                .setSubject("sprocket: count teeth before meshing gears").setAuthor(ADA).setVersion(2).setTotal(3)
                .setSeen(3).setSeenBefore(0).setHasCover(true).setFirstPosted(Instant.parse("2026-11-27T05:12:00Z"))
                .setStatus(SeriesStatus.NEW).setPosted(true)
                .setSupersedes(new SeriesLink("cover.1763625600.git.ada@lindqvist.example", 1, Instant.parse("2026-11-20T08:00:00Z")))
                .setReviews(List.of(ReviewActivity.newBuilder().setPerson(BO).setReviewedBy(1).build()))
                .build();
        SeriesActivity cogs = SeriesActivity.newBuilder()
                .setVersionId("20261126180000.3000-2-dana@ruiz.example")
                .setSubject("cogs: let userspace choose the lubricant used for each\n cog through a new netlink attribute").setAuthor(DANA).setVersion(1).setTotal(5)
                .setSeen(2).setSeenBefore(1).setHasCover(false).setFirstPosted(Instant.parse("2026-11-26T18:00:00Z"))
                .setStatus(SeriesStatus.NEW).setPosted(true)
                .build();
        SeriesActivity flywheel = SeriesActivity.newBuilder()
                .setVersionId("20261118093000.77-1-eve@marsh.example")
                .setSubject("flywheel: keep the inertia in grams <not ounces> & say so").setAuthor(EVE).setVersion(1).setTotal(4)
                .setSeen(4).setSeenBefore(4).setHasCover(false).setFirstPosted(Instant.parse("2026-11-18T09:30:00Z"))
                .setStatus(SeriesStatus.NEW).setReviewedLater(true)
                .setReviews(List.of(ReviewActivity.newBuilder().setPerson(BO).setReviewedBy(2).build(),
                        ReviewActivity.newBuilder().setPerson(FAY).setTestedBy(1).build()))
                .build();
        SeriesActivity axle = SeriesActivity.newBuilder()
                .setVersionId("cover.1763800000.git.chen.wu@gearworks.example")
                .setSubject("axle: drop the unused torque hook").setAuthor(CHEN).setVersion(3).setTotal(2)
                .setSeen(2).setSeenBefore(2).setHasCover(true).setFirstPosted(Instant.parse("2026-11-22T08:26:40Z"))
                .setStatus(SeriesStatus.APPLIED).setAppliedHere(true)
                .setSupersedes(new SeriesLink("cover.1763500000.git.chen.wu@gearworks.example", 2, Instant.parse("2026-11-18T21:06:40Z")))
                .setApplied(new SeriesApplied(new AppliedNotice("Applied to gears/next, thanks!", "gears/next",
                        List.of("4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d", "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d")),
                        EVE, null, Instant.parse("2026-11-27T06:30:00Z")))
                .build();
        return List.of(sprocket, cogs, flywheel, axle);
    }

    static DomainCount domain(String domain, int count) {
        return new DomainCount(domain, count);
    }

    static Contributor contributor(String name, String email, int count) {
        return new Contributor(address(name, email), count);
    }

    static Series series(String subject, Address author, int version, int total, int present, boolean hasCover,
                         List<String> labels, String messageId) {
        return Series.newBuilder().setSubject(subject).setAuthor(author).setVersion(version).setTotal(total)
                .setPresent(present).setHasCover(hasCover).setLabels(labels).setMessageId(messageId).build();
    }

    static Series series(String subject, Address author, int version, int total, int present, boolean hasCover,
                         List<String> labels, String messageId, int seenBefore) {
        Series s = series(subject, author, version, total, present, hasCover, labels, messageId);
        s.setSeenBefore(seenBefore);
        return s;
    }

    static SubjectTags tags(Integer version, Integer number, Integer total) {
        return SubjectTags.newBuilder().setPatch(true).setVersion(version).setNumber(number).setTotal(total).build();
    }

    static PatchEntry patch(MailKind kind, String subject, String cleanSubject, Address author, String messageId,
                            SubjectTags tags, boolean isNew, String message, String notes, String diffstat, DiffTotals diff) {
        return PatchEntry.newBuilder().setKind(kind).setSubject(subject).setCleanSubject(cleanSubject)
                .setAuthor(author).setMessageId(messageId).setCommit("c0ffee" + Integer.toHexString(subject.hashCode()))
                .setTags(tags).setIsNew(isNew).setCommitMessage(message).setNotes(notes).setDiffstat(diffstat)
                .setDiff(diff).build();
    }
}
