package dev.maildigest.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.SubjectTags;

/**
 * Acceptance: 54 parsed messages whose authors are the reference digest's (same names, addresses
 * and counts), counted by the digest builder and rendered as text, give the reference's two tables
 * line for line. The messages arrive in an order unlike the tables', so the ranking is tested too.
 */
class ReferenceTablesFromMailsTest {
    private static final CommitRange RANGE = new CommitRange(
            "26b723fc51e0d3b6a4c3c9e2f0a7d1b8e5c4f3a2", "98cb905c0d3e2f1a4b5c6d7e8f9a0b1c2d3e4f5a", 54, 54, 0L, 0L);

    @Test
    void builderAndTextRendererReproduceTheReferenceTables() {
        List<Contributor> authors = SampleDigests.referenceAuthors().getTopContributors();
        List<ParsedMail> mails = new ArrayList<>();
        // Round-robin over the authors, smallest counts first, until each has written their count.
        int[] left = authors.stream().mapToInt(Contributor::getCount).toArray();
        for (boolean more = true; more; ) {
            more = false;
            for (int i = authors.size() - 1; i >= 0; i--) {
                if (left[i]-- > 0) {
                    mails.add(mail(authors.get(i).getAuthor(), mails.size()));
                    more = true;
                }
            }
        }
        assertEquals(54, mails.size());

        Digest digest = new DigestBuilder(DigestFormat.TEXT::render).build(mails);

        List<String> expected = Golden.read("reference-tables.txt").lines().toList();
        assertEquals(expected, digest.getText().lines().limit(expected.size()).toList());
    }

    private static ParsedMail mail(Address author, int index) {
        return ParsedMail.newBuilder()
                .setCoordinates(Coordinates.newBuilder().setList("kvm").setArchive("https://lore.kernel.org/kvm/0")
                        .setEpoch(0).setCommit(String.format("%040x", index + 1)).setOrdinal(index + 1)
                        .setRange(RANGE).setIndex(index).build())
                .setListId("kvm.vger.kernel.org")
                .setAuthor(new Address(author.getName(), author.getEmail()))
                .setSender(new Address(author.getName(), author.getEmail()))
                .setKind(MailKind.REPLY)
                .setSubject("Re: a question about the test fixture " + index)
                .setCleanSubject("a question about the test fixture " + index)
                .setMessageId("fixture-" + index + "@example.org")
                .setTags(SubjectTags.newBuilder().setReply(true).build())
                .build();
    }
}
