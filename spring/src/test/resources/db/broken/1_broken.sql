CREATE TABLE note (id bigint PRIMARY KEY);
CREATE TABLE note (id bigint PRIMARY KEY); -- fails: the template cannot be built
