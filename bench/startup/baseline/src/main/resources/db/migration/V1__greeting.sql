CREATE TABLE greeting (
    id    BIGINT       NOT NULL PRIMARY KEY,
    label VARCHAR(255) NOT NULL
);
INSERT INTO greeting (id, label) VALUES (1, 'hello'), (2, 'world');
