package dev.moduleagent.localhub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.moduleagent.localhub.Durability;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurabilityConverterTest {

    private final DurabilityConverter converter = new DurabilityConverter();

    @Test
    void readsBothModesWhateverTheirCase() {
        assertEquals(Durability.COMMIT, converter.convert("commit"));
        assertEquals(Durability.FSYNC, converter.convert(" FSync "));
    }

    @Test
    void refusesAnythingElseNamingTheChoices() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("sync"));
        assertEquals("'sync' is not a durability (commit or fsync)", e.getMessage());
    }
}
