import { Anchor, Button, NavLink, type AnchorProps, type ButtonProps, type NavLinkProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

// Mantine's `component={Link}` loses the router's typed `to`/`params`/`search`; these keep them (the
// TanStack Router recipe for Mantine: a concrete <a> component wrapped by createLink).
type AnchorAttributes = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorProps & AnchorAttributes>((props, ref) => (
  <Anchor ref={ref} {...props} />
));
const MantineButtonAnchor = forwardRef<HTMLAnchorElement, ButtonProps & AnchorAttributes>((props, ref) => (
  <Button component="a" ref={ref} {...props} />
));
const MantineNavLinkAnchor = forwardRef<HTMLAnchorElement, NavLinkProps & Omit<AnchorAttributes, 'onChange'>>(
  (props, ref) => <NavLink component="a" ref={ref} {...props} />,
);

const CreatedAnchorLink = createLink(MantineAnchor);
const CreatedButtonLink = createLink(MantineButtonAnchor);
const CreatedNavLinkLink = createLink(MantineNavLinkAnchor);

export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => <CreatedAnchorLink {...props} />;
export const ButtonLink: LinkComponent<typeof MantineButtonAnchor> = (props) => <CreatedButtonLink {...props} />;
export const NavLinkLink: LinkComponent<typeof MantineNavLinkAnchor> = (props) => <CreatedNavLinkLink {...props} />;
