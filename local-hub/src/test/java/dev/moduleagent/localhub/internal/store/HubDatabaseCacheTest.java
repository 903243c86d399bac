package dev.moduleagent.localhub.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2's page cache is a fixed 16 MiB, not H2's default of 64 MiB per GiB of heap ceiling (which follows -Xmx and was
 * 384 MiB of heap with the JVM's default ceiling on the benchmark machine).
 */
class HubDatabaseCacheTest {

    @TempDir
    Path folder;

    @Test
    void theCacheIsSixteenMibWhateverTheHeapCeiling() throws Exception {
        try (HubDatabase database = HubDatabase.open(folder)) {
            int cacheKb = database.read(connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                                + " WHERE SETTING_NAME = 'CACHE_SIZE'")) {
                    row.next();
                    return Integer.parseInt(row.getString(1));
                }
            });
            assertEquals(16 * 1024, cacheKb);
        }
    }
}
