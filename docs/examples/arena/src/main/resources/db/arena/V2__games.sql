-- Games of six players, what each player did, and what the LLMs were asked.
-- Deleting a game deletes its players, their turns and the turns' LLM calls: within a game each row
-- goes with its parent (game -> players -> turns -> calls, ON DELETE CASCADE). No other delete
-- cascades: a model, kind, prompt or agent that a game, call or rating uses cannot be deleted.

CREATE TABLE games (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind_id      bigint      NOT NULL REFERENCES kinds (id) ON DELETE RESTRICT,
    status       text        NOT NULL DEFAULT 'running',
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    winning_team smallint,
    crashed      boolean     NOT NULL DEFAULT false,
    info         jsonb       NOT NULL DEFAULT '{}',
    CONSTRAINT games_status_known CHECK (status IN ('running', 'finished', 'abandoned')),
    CONSTRAINT games_finished_iff_over CHECK ((status = 'running') = (finished_at IS NULL)),
    CONSTRAINT games_finish_after_start CHECK (finished_at IS NULL OR finished_at >= started_at),
    CONSTRAINT games_winner_team_range CHECK (winning_team IS NULL OR winning_team IN (1, 2)),
    CONSTRAINT games_winner_only_when_finished CHECK (winning_team IS NULL OR (status = 'finished' AND NOT crashed)),
    CONSTRAINT games_crash_ends_game CHECK (NOT crashed OR status <> 'running'),
    CONSTRAINT games_info_object CHECK (jsonb_typeof(info) = 'object')
);
-- filtered paging: newest first, by status and by kind
CREATE INDEX games_started_idx ON games (started_at DESC, id DESC);
CREATE INDEX games_status_started_idx ON games (status, started_at DESC, id DESC);
CREATE INDEX games_kind_started_idx ON games (kind_id, started_at DESC, id DESC);

CREATE TABLE game_players (
    game_id  bigint           NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    seat     smallint         NOT NULL,
    agent_id bigint           NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    role     text             NOT NULL,
    team     smallint         NOT NULL,
    reward   double precision,
    PRIMARY KEY (game_id, seat),
    CONSTRAINT game_players_seat_range CHECK (seat BETWEEN 1 AND 6),
    CONSTRAINT game_players_role_known CHECK (role IN ('villager', 'seer', 'doctor', 'werewolf')),
    CONSTRAINT game_players_team_range CHECK (team IN (1, 2)),
    CONSTRAINT game_players_reward_range CHECK (reward IS NULL OR reward BETWEEN -1 AND 1)
);
-- games of an agent (paging filter)
CREATE INDEX game_players_agent_idx ON game_players (agent_id, game_id);

CREATE TABLE game_turns (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    game_id       bigint   NOT NULL,
    turn_number   integer  NOT NULL,
    seat          smallint NOT NULL,
    observation   jsonb    NOT NULL,
    action        text     NOT NULL,
    response_ms   integer  NOT NULL,
    tokens        integer  NOT NULL DEFAULT 0,
    -- the seat must be taken in this game; deleting the game (so its players) deletes the turn
    FOREIGN KEY (game_id, seat) REFERENCES game_players (game_id, seat) ON DELETE CASCADE,
    CONSTRAINT game_turns_turn_seat_key UNIQUE (game_id, turn_number, seat),
    CONSTRAINT game_turns_turn_number_range CHECK (turn_number >= 0),
    CONSTRAINT game_turns_response_ms_range CHECK (response_ms >= 0),
    CONSTRAINT game_turns_tokens_range CHECK (tokens >= 0),
    CONSTRAINT game_turns_observation_object CHECK (jsonb_typeof(observation) = 'object')
);
-- the foreign key to the seat (deleting players) and a seat's turns in order
CREATE INDEX game_turns_seat_idx ON game_turns (game_id, seat, turn_number);

CREATE TABLE llm_calls (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    turn_id           bigint      NOT NULL REFERENCES game_turns (id) ON DELETE CASCADE,
    model_id          bigint      NOT NULL REFERENCES models (id) ON DELETE RESTRICT,
    messages          jsonb       NOT NULL,
    response          jsonb,
    sent_at           timestamptz NOT NULL,
    received_at       timestamptz,
    prompt_tokens     integer     NOT NULL DEFAULT 0,
    completion_tokens integer     NOT NULL DEFAULT 0,
    CONSTRAINT llm_calls_messages_array CHECK (jsonb_typeof(messages) = 'array' AND jsonb_array_length(messages) > 0),
    CONSTRAINT llm_calls_received_after_sent CHECK (received_at IS NULL OR received_at >= sent_at),
    CONSTRAINT llm_calls_response_when_received CHECK (response IS NULL OR received_at IS NOT NULL),
    CONSTRAINT llm_calls_tokens_range CHECK (prompt_tokens >= 0 AND completion_tokens >= 0)
);
CREATE INDEX llm_calls_turn_idx ON llm_calls (turn_id, sent_at);
CREATE INDEX llm_calls_model_idx ON llm_calls (model_id);
