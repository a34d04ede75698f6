"""WTForms classes for every question page. Imports only plain enums from services."""
