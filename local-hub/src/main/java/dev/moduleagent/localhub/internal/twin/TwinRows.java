package dev.moduleagent.localhub.internal.twin;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.store.DocumentTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A twin's two rows: {@link DocumentTable#TWINS} (version, tags, desired) and {@link DocumentTable#REPORTED} (the
 * reported section). A reported patch writes only the {@code REPORTED} row; a tags or desired change only the
 * {@code TWINS} row. A twin stored in the older single-row form is read from its {@code TWINS} row alone and gets its
 * {@code REPORTED} row at its first reported patch.
 */
final class TwinRows {

    private TwinRows() {
    }

    /** Writes both rows of a new twin. */
    static void create(Connection c, IdentityKey key, TwinDocument twin) throws SQLException {
        DocumentTable.TWINS.put(c, key.deviceId(), key.storedModuleId(), twin.toStoredJson());
        DocumentTable.REPORTED.put(c, key.deviceId(), key.storedModuleId(), twin.toStoredReportedJson());
    }

    /** @return the stored twin, or empty when the identity has none */
    static Optional<TwinDocument> read(Connection c, IdentityKey key) throws SQLException {
        Optional<String> main = DocumentTable.TWINS.get(c, key.deviceId(), key.storedModuleId());
        if (main.isEmpty()) {
            return Optional.empty();
        }
        String reported = DocumentTable.REPORTED.get(c, key.deviceId(), key.storedModuleId()).orElse(null);
        return Optional.of(TwinDocument.fromStoredJson(main.get(), reported));
    }

    /** Writes the twin's reported section only; returns false when the twin is gone. */
    static boolean writeReported(Connection c, IdentityKey key, TwinDocument twin) throws SQLException {
        String row = twin.toStoredReportedJson();
        if (DocumentTable.REPORTED.update(c, key.deviceId(), key.storedModuleId(), row)) {
            return true;
        }
        if (DocumentTable.TWINS.get(c, key.deviceId(), key.storedModuleId()).isEmpty()) {
            return false;
        }
        DocumentTable.REPORTED.put(c, key.deviceId(), key.storedModuleId(), row);
        return true;
    }

    /**
     * Writes the twin's version, tags and desired section; returns false when the twin is gone. A twin of the older
     * single-row form gets its {@code REPORTED} row here too, as its new {@code TWINS} row no longer holds that section.
     */
    static boolean writeMain(Connection c, IdentityKey key, TwinDocument twin) throws SQLException {
        if (!DocumentTable.TWINS.update(c, key.deviceId(), key.storedModuleId(), twin.toStoredJson())) {
            return false;
        }
        if (DocumentTable.REPORTED.get(c, key.deviceId(), key.storedModuleId()).isEmpty()) {
            DocumentTable.REPORTED.put(c, key.deviceId(), key.storedModuleId(), twin.toStoredReportedJson());
        }
        return true;
    }

    /** Deletes both rows. */
    static void delete(Connection c, IdentityKey key) throws SQLException {
        DocumentTable.TWINS.delete(c, key.deviceId(), key.storedModuleId());
        DocumentTable.REPORTED.delete(c, key.deviceId(), key.storedModuleId());
    }
}
