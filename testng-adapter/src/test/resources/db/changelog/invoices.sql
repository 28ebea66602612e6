--liquibase formatted sql

--changeset pgfixture-testng:1
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(10, 2) NOT NULL);
