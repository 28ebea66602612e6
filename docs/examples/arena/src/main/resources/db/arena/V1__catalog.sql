-- What agents are made of: models, kinds (the game an agent plays), prompts.

CREATE TABLE models (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL,
    provider_model text        NOT NULL,
    active         boolean     NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT models_name_key UNIQUE (name),
    CONSTRAINT models_name_format CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    CONSTRAINT models_provider_model_not_blank CHECK (provider_model ~ '[^[:space:]]')
);
-- list active: a partial index holds only the rows that query reads
CREATE INDEX models_active_idx ON models (name) WHERE active;

CREATE TABLE kinds (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text    NOT NULL,
    description text    NOT NULL DEFAULT '',
    active      boolean NOT NULL DEFAULT true,
    CONSTRAINT kinds_name_key UNIQUE (name),
    CONSTRAINT kinds_name_format CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$')
);
CREATE INDEX kinds_active_idx ON kinds (name) WHERE active;

-- Immutable: a changed prompt is a new version that forks from an earlier one (parent_id), and
-- only "active" may change after insert (trigger below). Version 1 of a name has no parent;
-- every later version has one, of the same name.
CREATE TABLE prompts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL,
    version    integer     NOT NULL,
    parent_id  bigint      REFERENCES prompts (id) ON DELETE RESTRICT,
    body       text        NOT NULL,
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT prompts_name_version_key UNIQUE (name, version),
    CONSTRAINT prompts_name_format CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    CONSTRAINT prompts_version_positive CHECK (version >= 1),
    CONSTRAINT prompts_root_has_no_parent CHECK ((version = 1) = (parent_id IS NULL)),
    CONSTRAINT prompts_body_not_blank CHECK (body ~ '[^[:space:]]')
);
CREATE INDEX prompts_parent_idx ON prompts (parent_id);
CREATE INDEX prompts_active_idx ON prompts (name, version) WHERE active;

CREATE FUNCTION prompts_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.name, NEW.version, NEW.parent_id, NEW.body, NEW.created_at)
            IS DISTINCT FROM (OLD.name, OLD.version, OLD.parent_id, OLD.body, OLD.created_at) THEN
        RAISE EXCEPTION 'prompt % is immutable: fork a new version instead', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER prompts_immutable BEFORE UPDATE ON prompts
    FOR EACH ROW EXECUTE FUNCTION prompts_immutable();

-- A fork keeps its parent's name.
CREATE FUNCTION prompts_fork_same_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- an unknown parent is left to the foreign key, which reports it as such
    IF EXISTS (SELECT 1 FROM prompts WHERE id = NEW.parent_id AND name <> NEW.name) THEN
        RAISE EXCEPTION 'prompt % forks from prompt %, which has another name', NEW.name, NEW.parent_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER prompts_fork_same_name BEFORE INSERT ON prompts
    FOR EACH ROW EXECUTE FUNCTION prompts_fork_same_name();

-- An agent: one kind, one model, one prompt, at most once; the alias is how leaderboards name it.
CREATE TABLE agents (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind_id    bigint      NOT NULL REFERENCES kinds (id) ON DELETE RESTRICT,
    model_id   bigint      NOT NULL REFERENCES models (id) ON DELETE RESTRICT,
    prompt_id  bigint      NOT NULL REFERENCES prompts (id) ON DELETE RESTRICT,
    alias      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agents_configuration_key UNIQUE (kind_id, model_id, prompt_id),
    CONSTRAINT agents_alias_key UNIQUE (alias),
    CONSTRAINT agents_alias_format CHECK (alias ~ '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$')
);
-- agents_configuration_key's index serves lookups by kind; these serve the other two foreign keys
CREATE INDEX agents_model_idx ON agents (model_id);
CREATE INDEX agents_prompt_idx ON agents (prompt_id);
