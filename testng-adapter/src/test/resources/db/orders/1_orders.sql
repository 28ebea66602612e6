CREATE TABLE orders (id bigint PRIMARY KEY, item text NOT NULL);
INSERT INTO orders VALUES (1, 'reference order');
