package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates as mailers write them; unreadable ones are absent, never an exception. */
class MailDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Tue, 16 Mar 2021 17:46:05 +0000               | 2021-03-16T17:46:05Z
            Tue,  6 Mar 2021 17:46:05 -0400 (EDT)         | 2021-03-06T21:46:05Z
            16 Mar 2021 17:46 EST                         | 2021-03-16T22:46:00Z
            Tue, 16 Mar 21 17:46:05 GMT                   | 2021-03-16T17:46:05Z
            Tue, 16 Mar 99 17:46:05 UT                    | 1999-03-16T17:46:05Z
            Mon, 2 Jan 2006 15:04:05 PST                  | 2006-01-02T23:04:05Z
            Mon, 2 Jan 2006 15:04:05 Z                    | 2006-01-02T15:04:05Z
            Mon, 2 Jan 2006 15:04:05 +05:30               | 2006-01-02T09:34:05Z
            Monday, 2 January 2006 15:04:05 +0100         | 2006-01-02T14:04:05Z
            Mon Jan  2 15:04:05 2006 +0000                | 2006-01-02T15:04:05Z
            """)
    void readsCurrentAndObsoleteForms(String value, String expected) {
        Problems problems = new Problems();
        assertEquals(Instant.parse(expected), MailDates.parse(value, problems));
        assertTrue(problems.list().isEmpty(), problems.list().toString());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "   ", "garbage", "Tue, 31 Feb 2021 17:46:05 +0000", "Tue, 16 Mar 2021 25:61:05 +0000",
        "2021-03-16T17:46:05Z", "Tue, 16 Mar 2021", "99999999999 Mar 2021 10:00 +0000", "Tue, 16 Mar 2021 17:46:05 +9999"})
    void unreadableDatesAreAbsent(String value) {
        Problems problems = new Problems();
        assertNull(MailDates.parse(value, problems));
        assertEquals(value.isBlank(), problems.list().isEmpty(), problems.list().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Tue, 16 Mar 2021 17:46:05                     | 2021-03-16T17:46:05Z
            Tue, 16 Mar 2021 17:46:05 CEST                | 2021-03-16T17:46:05Z
            """)
    void unknownZoneIsReadAsUtcWithAProblem(String value, String expected) {
        Problems problems = new Problems();
        assertEquals(Instant.parse(expected), MailDates.parse(value, problems));
        assertFalse(problems.list().isEmpty());
    }
}
