"""Named entities: recognition, knowledge base, linking."""
