//! Where a message's personal links go. A stored message holds no usable link: delivery mints
//! one for each place its own template asked for. Those places are marked by a marker that
//! carries a random nonce drawn for that one message when it is built, after every text it
//! quotes (answers, names, notes, imported rows) was already fixed, so no such text can hold
//! a marker that delivery would expand: not of this message, and not of any other, whose
//! nonce differs. Which invitation each marker stands for is kept beside the body
//! (`outbox.links`), never read from the body.
use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// The links one message carries, in the order its templates asked for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct LinkSlots {
    /// 128 random bits, hex.
    nonce: String,
    invitations: Vec<i32>,
    /// The links replace the recipient's earlier ones once used (a lost-link message).
    #[serde(default)]
    pub supersede: bool,
}

impl Default for LinkSlots {
    fn default() -> Self {
        LinkSlots {
            nonce: format!("{:032x}", rand::random::<u128>()),
            invitations: Vec::new(),
            supersede: false,
        }
    }
}

impl LinkSlots {
    /// Slots for a message that carries no link, or only its recipient's own.
    pub fn own(invitation_id: Option<i32>) -> Self {
        let mut slots = LinkSlots::default();
        if let Some(id) = invitation_id {
            slots.add(id);
        }
        slots
    }

    /// Slots whose links replace the recipient's earlier ones once used.
    pub fn superseding() -> Self {
        LinkSlots {
            supersede: true,
            ..LinkSlots::default()
        }
    }

    /// The marker a template writes where invitation `id`'s link goes.
    pub fn add(&mut self, id: i32) -> String {
        let at = match self.invitations.iter().position(|i| *i == id) {
            Some(at) => at,
            None => {
                self.invitations.push(id);
                self.invitations.len() - 1
            }
        };
        self.marker(at)
    }

    /// The marker of the first slot: the recipient's own link where the message has one.
    pub fn first(&self) -> Option<String> {
        (!self.invitations.is_empty()).then(|| self.marker(0))
    }

    /// Every slot as (marker, invitation), for delivery.
    pub fn iter(&self) -> impl Iterator<Item = (String, i32)> + '_ {
        self.invitations
            .iter()
            .enumerate()
            .map(|(at, id)| (self.marker(at), *id))
    }

    /// `body` with `label` where each link goes, for a reader of the stored message.
    pub fn readable(&self, body: &str, label: &str) -> String {
        self.iter()
            .fold(body.to_string(), |b, (marker, _)| b.replace(&marker, label))
    }

    pub fn is_empty(&self) -> bool {
        self.invitations.is_empty()
    }

    // Letters outside hex end the nonce and the index, so slot 1 is no prefix of slot 10; only
    // ASCII letters and digits, which HTML escaping and the transfer encodings leave alone.
    fn marker(&self, at: usize) -> String {
        format!("lnk{}n{at}z", self.nonce)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_invitation_has_one_slot_and_slots_never_prefix_each_other() {
        let mut slots = LinkSlots::default();
        let first = slots.add(7);
        for id in 8..20 {
            slots.add(id);
        }
        assert_eq!(slots.add(7), first, "asked twice, one slot");
        let markers: Vec<String> = slots.iter().map(|(m, _)| m).collect();
        assert_eq!(markers.len(), 13);
        for a in &markers {
            assert_eq!(markers.iter().filter(|b| b.contains(a.as_str())).count(), 1);
            assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn every_message_draws_its_own_nonce() {
        let (a, b) = (LinkSlots::own(Some(1)), LinkSlots::own(Some(1)));
        assert_ne!(a.first(), b.first());
        assert_eq!(LinkSlots::own(None).first(), None);
    }
}
