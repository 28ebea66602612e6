package io.github.pgfixture.examples.arena;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Agents: a kind, a model and a prompt, each configuration at most once, under a unique alias. */
public final class AgentRepository {

    private static final String COLUMNS = "a.id, a.kind_id, a.model_id, a.prompt_id, a.alias";
    private static final String AGENT = "SELECT " + COLUMNS + " FROM agents a ";

    private final Jdbc jdbc;

    AgentRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws DataAccessException 23505 if the configuration or the alias exists already, 23503 if
     *                             the kind, model or prompt does not exist
     */
    public Agent create(long kindId, long modelId, long promptId, String alias) {
        return jdbc.one("INSERT INTO agents AS a (kind_id, model_id, prompt_id, alias) VALUES (?, ?, ?, ?) RETURNING "
                + COLUMNS, AgentRepository::agent, kindId, modelId, promptId, alias).orElseThrow();
    }

    public Optional<Agent> get(long id) {
        return jdbc.one(AGENT + "WHERE a.id = ?", AgentRepository::agent, id);
    }

    /** The agent with its kind, model and prompt, in one query. */
    public Optional<AgentDetails> getWithRelations(long id) {
        return jdbc.one("SELECT " + COLUMNS + ", "
                        + "k.id, k.name, k.description, k.active, "
                        + "m.id, m.name, m.provider_model, m.active, "
                        + "p.id, p.name, p.version, p.parent_id, p.body, p.active "
                        + "FROM agents a JOIN kinds k ON k.id = a.kind_id JOIN models m ON m.id = a.model_id "
                        + "JOIN prompts p ON p.id = a.prompt_id WHERE a.id = ?",
                AgentRepository::details, id);
    }

    public Optional<Agent> getByConfiguration(long kindId, long modelId, long promptId) {
        return jdbc.one(AGENT + "WHERE a.kind_id = ? AND a.model_id = ? AND a.prompt_id = ?", AgentRepository::agent,
                kindId, modelId, promptId);
    }

    /**
     * The agent of this configuration, created under {@code alias} if there is none yet (an existing
     * agent keeps its alias). Safe against a concurrent call for the same configuration.
     *
     * @throws DataAccessException 23505 if the agent is new and another agent has {@code alias}
     */
    public Agent getOrCreate(long kindId, long modelId, long promptId, String alias) {
        return jdbc.one("INSERT INTO agents AS a (kind_id, model_id, prompt_id, alias) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (kind_id, model_id, prompt_id) DO NOTHING RETURNING " + COLUMNS,
                        AgentRepository::agent, kindId, modelId, promptId, alias)
                .or(() -> getByConfiguration(kindId, modelId, promptId))
                .orElseThrow(() -> new IllegalStateException("Agent (" + kindId + ", " + modelId + ", " + promptId
                        + ") was neither created nor found: deleted concurrently?"));
    }

    /**
     * Up to {@code size} distinct agents of the kind, in random order, drawn among those whose model
     * and prompt are active: the seats of a new game.
     */
    public List<Agent> randomSample(long kindId, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("A sample of " + size + " agents: the size must be 0 or more.");
        }
        return jdbc.list(AGENT + "JOIN models m ON m.id = a.model_id JOIN prompts p ON p.id = a.prompt_id "
                + "WHERE a.kind_id = ? AND m.active AND p.active ORDER BY random() LIMIT ?", AgentRepository::agent,
                kindId, size);
    }

    static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
    }

    private static AgentDetails details(ResultSet rs) throws SQLException {
        Kind kind = new Kind(rs.getLong(6), rs.getString(7), rs.getString(8), rs.getBoolean(9));
        Model model = new Model(rs.getLong(10), rs.getString(11), rs.getString(12), rs.getBoolean(13));
        long parent = rs.getLong(17);
        Long parentId = rs.wasNull() ? null : parent;
        Prompt prompt = new Prompt(rs.getLong(14), rs.getString(15), rs.getInt(16), parentId, rs.getString(18),
                rs.getBoolean(19));
        return new AgentDetails(agent(rs), kind, model, prompt);
    }
}
