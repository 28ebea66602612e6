CREATE TABLE note (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    text text NOT NULL
);
INSERT INTO note (text) VALUES ('seeded by Flyway');
