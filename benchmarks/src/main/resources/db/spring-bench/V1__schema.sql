-- The Spring benchmark's schema: 20 tables, each with a primary key, a foreign key to the previous
-- table, an index and a check, so that a clone copies a schema of some size.

CREATE TABLE t01 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX t01_name_idx ON t01 (name);

CREATE TABLE t02 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t01 (id)
);
CREATE INDEX t02_name_idx ON t02 (name);

CREATE TABLE t03 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t02 (id)
);
CREATE INDEX t03_name_idx ON t03 (name);

CREATE TABLE t04 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t03 (id)
);
CREATE INDEX t04_name_idx ON t04 (name);

CREATE TABLE t05 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t04 (id)
);
CREATE INDEX t05_name_idx ON t05 (name);

CREATE TABLE t06 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t05 (id)
);
CREATE INDEX t06_name_idx ON t06 (name);

CREATE TABLE t07 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t06 (id)
);
CREATE INDEX t07_name_idx ON t07 (name);

CREATE TABLE t08 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t07 (id)
);
CREATE INDEX t08_name_idx ON t08 (name);

CREATE TABLE t09 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t08 (id)
);
CREATE INDEX t09_name_idx ON t09 (name);

CREATE TABLE t10 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t09 (id)
);
CREATE INDEX t10_name_idx ON t10 (name);

CREATE TABLE t11 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t10 (id)
);
CREATE INDEX t11_name_idx ON t11 (name);

CREATE TABLE t12 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t11 (id)
);
CREATE INDEX t12_name_idx ON t12 (name);

CREATE TABLE t13 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t12 (id)
);
CREATE INDEX t13_name_idx ON t13 (name);

CREATE TABLE t14 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t13 (id)
);
CREATE INDEX t14_name_idx ON t14 (name);

CREATE TABLE t15 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t14 (id)
);
CREATE INDEX t15_name_idx ON t15 (name);

CREATE TABLE t16 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t15 (id)
);
CREATE INDEX t16_name_idx ON t16 (name);

CREATE TABLE t17 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t16 (id)
);
CREATE INDEX t17_name_idx ON t17 (name);

CREATE TABLE t18 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t17 (id)
);
CREATE INDEX t18_name_idx ON t18 (name);

CREATE TABLE t19 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t18 (id)
);
CREATE INDEX t19_name_idx ON t19 (name);

CREATE TABLE t20 (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (name <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t19 (id)
);
CREATE INDEX t20_name_idx ON t20 (name);
