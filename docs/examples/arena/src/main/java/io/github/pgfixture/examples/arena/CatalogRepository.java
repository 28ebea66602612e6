package io.github.pgfixture.examples.arena;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Models, kinds and prompts: what agents are made of. Names are unique (for prompts, name and
 * version); "active" decides what new agents and random samples may use, and nothing is ever
 * deleted here. Failures are {@link DataAccessException}s carrying PostgreSQL's SQLSTATE.
 */
public final class CatalogRepository {

    private static final String MODEL = "SELECT id, name, provider_model, active FROM models ";
    private static final String KIND = "SELECT id, name, description, active FROM kinds ";
    private static final String PROMPT = "SELECT id, name, version, parent_id, body, active FROM prompts ";

    private final Jdbc jdbc;

    CatalogRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    // models

    /** @throws DataAccessException 23505 if the name is taken, 23514 if it is not lowercase {@code [a-z0-9._-]} */
    public Model createModel(String name, String providerModel) {
        return jdbc.one("INSERT INTO models (name, provider_model) VALUES (?, ?) RETURNING id, name, provider_model, active",
                CatalogRepository::model, name, providerModel).orElseThrow();
    }

    public Optional<Model> model(long id) {
        return jdbc.one(MODEL + "WHERE id = ?", CatalogRepository::model, id);
    }

    public Optional<Model> modelByName(String name) {
        return jdbc.one(MODEL + "WHERE name = ?", CatalogRepository::model, name);
    }

    /** Active models by name. */
    public List<Model> activeModels() {
        return jdbc.list(MODEL + "WHERE active ORDER BY name", CatalogRepository::model);
    }

    /** @return false if there is no such model */
    public boolean setModelActive(long id, boolean active) {
        return jdbc.update("UPDATE models SET active = ? WHERE id = ?", active, id) == 1;
    }

    // kinds

    public Kind createKind(String name, String description) {
        return jdbc.one("INSERT INTO kinds (name, description) VALUES (?, ?) RETURNING id, name, description, active",
                CatalogRepository::kind, name, description).orElseThrow();
    }

    public Optional<Kind> kind(long id) {
        return jdbc.one(KIND + "WHERE id = ?", CatalogRepository::kind, id);
    }

    public Optional<Kind> kindByName(String name) {
        return jdbc.one(KIND + "WHERE name = ?", CatalogRepository::kind, name);
    }

    public List<Kind> activeKinds() {
        return jdbc.list(KIND + "WHERE active ORDER BY name", CatalogRepository::kind);
    }

    public boolean setKindActive(long id, boolean active) {
        return jdbc.update("UPDATE kinds SET active = ? WHERE id = ?", active, id) == 1;
    }

    // prompts

    /** Version 1 of a new prompt. @throws DataAccessException 23505 if that name exists already */
    public Prompt createPrompt(String name, String body) {
        return jdbc.one("INSERT INTO prompts (name, version, body) VALUES (?, 1, ?) "
                + "RETURNING id, name, version, parent_id, body, active", CatalogRepository::prompt, name, body).orElseThrow();
    }

    /**
     * A new version of {@code parentId}'s name, numbered after the newest one, whose parent is
     * {@code parentId} (which need not be the newest: forks from old versions are allowed).
     *
     * @throws IllegalArgumentException if there is no prompt {@code parentId}
     * @throws DataAccessException      23505 if a concurrent fork took the same version number; retry
     */
    public Prompt forkPrompt(long parentId, String body) {
        return jdbc.one("INSERT INTO prompts (name, version, parent_id, body) "
                        + "SELECT p.name, (SELECT max(version) + 1 FROM prompts WHERE name = p.name), p.id, ? "
                        + "FROM prompts p WHERE p.id = ? RETURNING id, name, version, parent_id, body, active",
                        CatalogRepository::prompt, body, parentId)
                .orElseThrow(() -> new IllegalArgumentException("There is no prompt " + parentId + " to fork from."));
    }

    public Optional<Prompt> prompt(long id) {
        return jdbc.one(PROMPT + "WHERE id = ?", CatalogRepository::prompt, id);
    }

    /** The newest version of the prompt {@code name}, active or not. */
    public Optional<Prompt> promptByName(String name) {
        return jdbc.one(PROMPT + "WHERE name = ? ORDER BY version DESC LIMIT 1", CatalogRepository::prompt, name);
    }

    public Optional<Prompt> promptVersion(String name, int version) {
        return jdbc.one(PROMPT + "WHERE name = ? AND version = ?", CatalogRepository::prompt, name, version);
    }

    /** Every active version, by name and version. */
    public List<Prompt> activePrompts() {
        return jdbc.list(PROMPT + "WHERE active ORDER BY name, version", CatalogRepository::prompt);
    }

    public boolean setPromptActive(long id, boolean active) {
        return jdbc.update("UPDATE prompts SET active = ? WHERE id = ?", active, id) == 1;
    }

    static Model model(ResultSet rs) throws SQLException {
        return new Model(rs.getLong("id"), rs.getString("name"), rs.getString("provider_model"), rs.getBoolean("active"));
    }

    static Kind kind(ResultSet rs) throws SQLException {
        return new Kind(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getBoolean("active"));
    }

    static Prompt prompt(ResultSet rs) throws SQLException {
        return new Prompt(rs.getLong("id"), rs.getString("name"), rs.getInt("version"), Jdbc.nullableLong(rs, "parent_id"),
                rs.getString("body"), rs.getBoolean("active"));
    }
}
