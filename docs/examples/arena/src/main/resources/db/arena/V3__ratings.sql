-- TrueSkill ratings, one per agent. A new agent starts at mu 25, sigma 25/3; leaderboards sort by
-- the conservative estimate mu - 3 sigma, stored so that an index can serve "top N".

CREATE TABLE agent_ratings (
    agent_id     bigint           PRIMARY KEY REFERENCES agents (id) ON DELETE RESTRICT,
    mu           double precision NOT NULL DEFAULT 25,
    sigma        double precision NOT NULL DEFAULT 25.0 / 3,
    games_played integer          NOT NULL DEFAULT 0,
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    conservative double precision GENERATED ALWAYS AS (mu - 3 * sigma) STORED,
    CONSTRAINT agent_ratings_mu_range CHECK (mu BETWEEN -1000 AND 1000),
    CONSTRAINT agent_ratings_sigma_range CHECK (sigma > 0 AND sigma <= 1000),
    CONSTRAINT agent_ratings_games_played_range CHECK (games_played >= 0)
);
CREATE INDEX agent_ratings_conservative_idx ON agent_ratings (conservative DESC, agent_id);
