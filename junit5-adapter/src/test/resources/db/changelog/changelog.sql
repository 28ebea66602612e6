--liquibase formatted sql

--changeset pgfixture:1
CREATE TABLE invoices (id bigint PRIMARY KEY, amount numeric NOT NULL);
