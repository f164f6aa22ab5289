//! The order steps run in, dependencies first, or the cycles that leave
//! no such order.
//!
//! Strongly connected components (Tarjan's algorithm, iterative so that a
//! chain of 100 000 steps cannot overflow the stack) give both: in the
//! order they complete, components list every step after the steps it
//! reads, and a component of more than one step, or a step reading
//! itself, is a cycle.

use std::collections::VecDeque;

use super::wiring::Edge;

/// Steps that depend on each other in a circle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cycle {
    /// The steps around the circle, starting with the first in file order.
    pub(crate) path: Vec<usize>,
    /// Other steps caught in the same knot of dependencies.
    pub(crate) also: Vec<usize>,
    /// The edge from the first step to the second.
    pub(crate) edge: usize,
}

/// The run order of `count` steps joined by `edges`, or every cycle.
pub(crate) fn order(count: usize, edges: &[Edge]) -> Result<Vec<usize>, Vec<Cycle>> {
    let mut graph: Vec<Vec<(usize, usize)>> = vec![Vec::new(); count];
    for (index, edge) in edges.iter().enumerate() {
        if let Some(out) = graph.get_mut(edge.from) {
            out.push((edge.to, index));
        }
    }
    let (members, ends) = components(&graph);
    let mut start = 0;
    let components: Vec<&[usize]> = ends
        .iter()
        .map(|&end| {
            let component = members.get(start..end).unwrap_or_default();
            start = end;
            component
        })
        .collect();
    // One table for every search, so that many small cycles in a large
    // workflow cost no more than one large one.
    let mut reached: Vec<Option<(usize, usize)>> = vec![None; count];
    let cycles: Vec<Cycle> = components
        .iter()
        .filter(|component| {
            component.len() > 1
                || component
                    .iter()
                    .any(|&s| graph[s].iter().any(|&(to, _)| to == s))
        })
        .map(|component| cycle(&graph, component, &mut reached))
        .collect();
    if cycles.is_empty() {
        Ok(members)
    } else {
        Err(cycles)
    }
}

/// The strongly connected components of `graph`, each completed after
/// the components it reaches: their members one after the other, each
/// component sorted, and where each component ends. One list for all, not
/// one per component, as nearly every component is a single step.
fn components(graph: &[Vec<(usize, usize)>]) -> (Vec<usize>, Vec<usize>) {
    const UNSEEN: usize = usize::MAX;
    let count = graph.len();
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut members = Vec::with_capacity(count);
    let mut ends = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    for root in 0..count {
        if index[root] != UNSEEN {
            continue;
        }
        calls.push((root, 0));
        (index[root], low[root], next) = (next, next, next + 1);
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut cursor)) = calls.last_mut() {
            if let Some(&(to, _)) = graph[node].get(*cursor) {
                *cursor += 1;
                if index[to] == UNSEEN {
                    (index[to], low[to], next) = (next, next, next + 1);
                    stack.push(to);
                    on_stack[to] = true;
                    calls.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let start = members.len();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    members.push(member);
                    if member == node {
                        break;
                    }
                }
                if let Some(component) = members.get_mut(start..) {
                    component.sort_unstable();
                }
                ends.push(members.len());
            }
        }
    }
    (members, ends)
}

/// The shortest circle through the first step of `component`. `reached`
/// has an empty place per step, and is left so.
fn cycle(
    graph: &[Vec<(usize, usize)>],
    component: &[usize],
    reached: &mut [Option<(usize, usize)>],
) -> Cycle {
    let start = component.first().copied().unwrap_or_default();
    let inside = |step: usize| component.binary_search(&step).is_ok();
    // Breadth-first from `start`, remembering by which edge each step was
    // reached, until an edge leads back to `start`.
    let mut queue = VecDeque::from([start]);
    let mut closing = None;
    'search: while let Some(step) = queue.pop_front() {
        for &(to, edge) in &graph[step] {
            if to == start {
                closing = Some(step);
                break 'search;
            }
            if inside(to) && reached[to].is_none() {
                reached[to] = Some((step, edge));
                queue.push_back(to);
            }
        }
    }
    let mut path = Vec::new();
    let mut edge = graph[start]
        .iter()
        .find(|(to, _)| *to == start)
        .map_or(0, |&(_, edge)| edge);
    let mut step = closing.unwrap_or(start);
    while step != start {
        path.push(step);
        let Some((previous, via)) = reached[step] else {
            break;
        };
        edge = via;
        step = previous;
    }
    path.push(start);
    path.reverse();
    let mut around = path.clone();
    around.sort_unstable();
    let also = component
        .iter()
        .copied()
        .filter(|step| around.binary_search(step).is_err())
        .collect();
    for &step in component {
        reached[step] = None;
    }
    Cycle { path, also, edge }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(pairs: &[(usize, usize)]) -> Vec<Edge> {
        pairs
            .iter()
            .map(|&(from, to)| Edge {
                from,
                to,
                reference: 0,
            })
            .collect()
    }

    #[test]
    fn dependencies_run_first() {
        let order = order(4, &edges(&[(0, 2), (2, 3), (1, 0)])).unwrap();
        let place = |step: usize| order.iter().position(|&s| s == step).unwrap();
        assert!(place(3) < place(2) && place(2) < place(0) && place(0) < place(1));
    }

    #[test]
    fn every_cycle_is_named_with_its_path() {
        let cycles = order(
            6,
            &edges(&[(0, 1), (1, 2), (2, 0), (2, 3), (3, 1), (4, 4), (5, 0)]),
        )
        .unwrap_err();
        assert_eq!(cycles.len(), 2);
        let knot = cycles.iter().find(|c| c.path[0] == 0).unwrap();
        assert_eq!(knot.path, [0, 1, 2]);
        assert_eq!(knot.also, [3]);
        assert_eq!(knot.edge, 0);
        let own = cycles.iter().find(|c| c.path[0] == 4).unwrap();
        assert_eq!((own.path.as_slice(), own.edge), (&[4][..], 5));
    }

    #[test]
    fn a_long_chain_does_not_overflow() {
        let pairs: Vec<(usize, usize)> = (1..200_000).map(|i| (i, i - 1)).collect();
        let order = order(200_000, &edges(&pairs)).unwrap();
        assert_eq!(order.first(), Some(&0));
    }
}
