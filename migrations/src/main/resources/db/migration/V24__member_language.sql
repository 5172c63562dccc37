-- The language a person chose for the console: 'en' or 'pt-BR'; null follows their browser.
ALTER TABLE users ADD COLUMN language text CHECK (language IN ('en', 'pt-BR'));
